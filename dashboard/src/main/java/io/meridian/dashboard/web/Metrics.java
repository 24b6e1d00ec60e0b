package io.meridian.dashboard.web;

import io.meridian.resolver.control.HealthCheckService;
import io.meridian.resolver.pipeline.QueryMetrics;
import io.meridian.resolver.server.DataPlane;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The Prometheus text exposition of what the appliance counts: DNS responses by RCODE, queries by
 * type, health-check states, hosted zones. Counters only grow while the server runs.
 */
final class Metrics {
    private Metrics() {
    }

    static String render(DataPlane plane) {
        QueryMetrics q = plane.server().metrics();
        StringBuilder b = new StringBuilder();
        b.append("# HELP meridian_dns_responses_total DNS responses sent, by RCODE.\n")
                .append("# TYPE meridian_dns_responses_total counter\n");
        for (int r = 0; r < QueryMetrics.RCODES; r++) {
            long n = q.byRcode(r);
            if (n > 0 || r == 0) {
                b.append("meridian_dns_responses_total{rcode=\"").append(Rcode.string(r)).append("\"} ").append(n).append('\n');
            }
        }
        b.append("# HELP meridian_dns_queries_total DNS queries answered, by query type.\n")
                .append("# TYPE meridian_dns_queries_total counter\n");
        for (int t = 0; t < QueryMetrics.TYPES; t++) {
            long n = q.byType(t);
            if (n > 0) {
                b.append("meridian_dns_queries_total{type=\"").append(Type.string(t)).append("\"} ").append(n).append('\n');
            }
        }
        b.append("# HELP meridian_health_check_healthy 1 when routing treats the health check as healthy, else 0.\n")
                .append("# TYPE meridian_health_check_healthy gauge\n");
        for (HealthCheckService.HealthCheck h : plane.healthChecks().list()) {
            b.append("meridian_health_check_healthy{id=\"").append(h.id()).append("\",type=\"").append(h.config().type())
                    .append("\"} ").append(plane.checker().healthy(h.id()) ? 1 : 0).append('\n');
        }
        for (int p = 1; p < io.meridian.resolver.zone.QueryEvaluator.POLICY_COUNT; p++) {
            if (p == 1) {
                b.append("# HELP meridian_dns_policy_decisions_total Answers a routing policy chose, by policy.\n")
                        .append("# TYPE meridian_dns_policy_decisions_total counter\n");
            }
            b.append("meridian_dns_policy_decisions_total{policy=\"").append(io.meridian.resolver.zone.QueryEvaluator.policyName(p))
                    .append("\"} ").append(q.byPolicy(p)).append('\n');
        }
        latency(b, q.latency());
        var log = plane.queryLog();
        b.append("# HELP meridian_query_log_lines_total Queries written to the query log, by the hosted zone that answered.\n")
                .append("# TYPE meridian_query_log_lines_total counter\n");
        log.loggedByZone().forEach((zone, n) -> b.append("meridian_query_log_lines_total{zone=\"").append(label(zone))
                .append("\"} ").append(n).append('\n'));
        b.append("# HELP meridian_query_log_dropped_total Queries answered but not logged: the log fell a whole ring behind.\n")
                .append("# TYPE meridian_query_log_dropped_total counter\n")
                .append("meridian_query_log_dropped_total ").append(log.dropped()).append('\n');
        b.append("# HELP meridian_query_log_sampled_out_total Queries answered but not logged: at their rate the log kept one query in N.\n")
                .append("# TYPE meridian_query_log_sampled_out_total counter\n")
                .append("meridian_query_log_sampled_out_total ").append(log.sampledOut()).append('\n');
        b.append("# HELP meridian_hosted_zones Hosted zones served.\n# TYPE meridian_hosted_zones gauge\n")
                .append("meridian_hosted_zones ").append(plane.zones().list().size()).append('\n');
        return b.toString();
    }

    /** Upper bounds of the latency histogram buckets, in seconds (10 us to 1 s). */
    private static final double[] BUCKETS = {1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 0.1, 1};

    /** The whole path as meridian_dns_latency_seconds, each stage (a 1-in-16 sample) as meridian_dns_stage_seconds. */
    private static void latency(StringBuilder b, io.meridian.resolver.stats.LatencyStats stats) {
        b.append("# HELP meridian_dns_latency_seconds Time from reading a query to its encoded response.\n")
                .append("# TYPE meridian_dns_latency_seconds histogram\n");
        histogram(b, "meridian_dns_latency_seconds", "", stats.sinceStart(io.meridian.resolver.stats.StageLatency.TOTAL));
        b.append("# HELP meridian_dns_stage_seconds Time per pipeline stage, measured on one query in 16.\n")
                .append("# TYPE meridian_dns_stage_seconds histogram\n");
        for (int s = 1; s < io.meridian.resolver.stats.StageLatency.STAGES.length; s++) {
            histogram(b, "meridian_dns_stage_seconds", "stage=\"" + io.meridian.resolver.stats.StageLatency.STAGES[s] + "\",",
                    stats.sinceStart(s));
        }
    }

    private static void histogram(StringBuilder b, String name, String labels, org.HdrHistogram.Histogram h) {
        for (double le : BUCKETS) {
            long n = h.getTotalCount() == 0 ? 0 : h.getCountBetweenValues(0, (long) (le * 1e9));
            b.append(name).append("_bucket{").append(labels).append("le=\"").append(le).append("\"} ").append(n).append('\n');
        }
        b.append(name).append("_bucket{").append(labels).append("le=\"+Inf\"} ").append(h.getTotalCount()).append('\n');
        String plain = labels.isEmpty() ? "" : "{" + labels.substring(0, labels.length() - 1) + "}";
        b.append(name).append("_sum").append(plain).append(' ').append(h.getMean() * h.getTotalCount() / 1e9).append('\n');
        b.append(name).append("_count").append(plain).append(' ').append(h.getTotalCount()).append('\n');
    }

    /** A Prometheus label value: backslash, quote and newline escaped. */
    private static String label(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Queries per second over the last five minutes as a small inline SVG, with the figures beside it. */
    static String traffic(QueryMetrics q) {
        long[] last = q.lastSeconds(300);
        long now = last.length == 0 ? 0 : last[last.length - 1];
        long[] hour = q.lastSeconds(QueryMetrics.HOUR);
        long sum = 0;
        for (long v : hour) {
            sum += v;
        }
        long peak = 0;
        for (long v : last) {
            peak = Math.max(peak, v);
        }
        long max = Math.max(1, peak);
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < last.length; i++) {
            points.append(i * 2).append(',').append(60 - last[i] * 56 / max).append(' ');
        }
        return "<p><b>" + now + "</b> queries/s now · " + (hour.length == 0 ? 0 : sum / hour.length) + " queries/s over the last "
                + (hour.length >= QueryMetrics.HOUR ? "hour" : hour.length + " s") + " · " + q.total() + " answered since start</p>"
                + "<svg viewBox=\"0 0 600 62\" width=\"100%\" height=\"62\" role=img aria-label=\"queries per second, last five minutes\">"
                + "<polyline fill=none stroke=\"#2d6cdf\" stroke-width=\"1.5\" points=\"" + points + "\"/></svg>"
                + "<p class=muted>Last five minutes; peak " + peak + " queries/s.</p>";
    }
}
