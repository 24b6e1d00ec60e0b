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
        for (int r = 0; r < 24; r++) {
            long n = q.byRcode(r);
            if (n > 0 || r == 0) {
                b.append("meridian_dns_responses_total{rcode=\"").append(Rcode.string(r)).append("\"} ").append(n).append('\n');
            }
        }
        b.append("# HELP meridian_dns_queries_total DNS queries answered, by query type.\n")
                .append("# TYPE meridian_dns_queries_total counter\n");
        for (int t = 0; t < 256; t++) {
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
        b.append("# HELP meridian_hosted_zones Hosted zones served.\n# TYPE meridian_hosted_zones gauge\n")
                .append("meridian_hosted_zones ").append(plane.zones().list().size()).append('\n');
        return b.toString();
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
