package io.meridian.dashboard.web;

import io.meridian.resolver.pipeline.QueryMetrics;
import io.meridian.resolver.querylog.TopNames;
import io.meridian.resolver.server.DataPlane;
import io.meridian.resolver.stats.StageLatency;
import org.HdrHistogram.Histogram;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import java.util.List;
import java.util.Locale;

/**
 * The overview's figures beyond the traffic line: latency percentiles for the whole path and each
 * stage, answers by RCODE and by type, and the most queried names and zones.
 */
final class OverviewStats {
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private OverviewStats() {
    }

    static String render(DataPlane plane) {
        QueryMetrics q = plane.server().metrics();
        return "<section><h2>Latency</h2><p class=muted>From reading the query to its encoded response, in microseconds;"
                + " stages are timed on one query in 16. Over the last minute, and p99 since start.</p>" + latency(q) + "</section>"
                + "<div class=columns><section><h2>Answers by RCODE</h2>" + byRcode(q) + "</section>"
                + "<section><h2>Queries by type</h2>" + byType(q) + "</section></div>"
                + "<div class=columns><section><h2>Top names</h2>" + top(plane.queryLog().top().topNames(10), "name")
                + "</section><section><h2>Top zones</h2>" + top(plane.queryLog().top().topZones(10), "zone") + "</section></div>";
    }

    private static String latency(QueryMetrics q) {
        StringBuilder b = new StringBuilder("<table class=numbers><thead><tr><th>Stage</th><th>Queries</th>");
        for (double p : PERCENTILES) {
            b.append("<th>p").append(p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)).append("</th>");
        }
        b.append("<th>p99 since start</th></tr></thead><tbody>");
        for (int stage = 0; stage < StageLatency.STAGES.length; stage++) {
            Histogram minute = q.latency().lastMinute(stage);
            Histogram all = q.latency().sinceStart(stage);
            b.append("<tr><td>").append(StageLatency.STAGES[stage]).append("</td><td>").append(minute.getTotalCount()).append("</td>");
            for (double p : PERCENTILES) {
                b.append("<td>").append(percentile(minute, p)).append("</td>");
            }
            b.append("<td class=muted>").append(percentile(all, 99)).append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private static String percentile(Histogram h, double p) {
        return h.getTotalCount() == 0 ? "–" : micros(h.getValueAtPercentile(p));
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, nanos < 10_000 ? "%.1f" : "%.0f", nanos / 1000.0);
    }

    private static String byRcode(QueryMetrics q) {
        StringBuilder b = new StringBuilder("<table class=numbers><tbody>");
        long total = Math.max(1, q.total());
        boolean any = false;
        for (int r = 0; r < QueryMetrics.RCODES; r++) {
            long n = q.byRcode(r);
            if (n > 0) {
                any = true;
                b.append("<tr><td>").append(Rcode.string(r)).append("</td><td>").append(n).append("</td><td class=muted>")
                        .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * n / total)).append("</td></tr>");
            }
        }
        return any ? b.append("</tbody></table>").toString() : "<p class=muted>No queries answered yet.</p>";
    }

    private static String byType(QueryMetrics q) {
        StringBuilder b = new StringBuilder("<table class=numbers><tbody>");
        boolean any = false;
        for (int t = 0; t < QueryMetrics.TYPES; t++) {
            long n = q.byType(t);
            if (n > 0) {
                any = true;
                b.append("<tr><td>").append(Type.string(t)).append("</td><td>").append(n).append("</td></tr>");
            }
        }
        return any ? b.append("</tbody></table>").toString() : "<p class=muted>No queries answered yet.</p>";
    }

    private static String top(List<TopNames.Count> counts, String what) {
        if (counts.isEmpty()) {
            return "<p class=muted>No queries in the last five minutes.</p>";
        }
        StringBuilder b = new StringBuilder("<p class=muted>Last five minutes, from the query log.</p><table class=numbers><tbody>");
        for (TopNames.Count c : counts) {
            b.append("<tr><td>").append(Html.escape(c.key())).append("</td><td>").append(c.queries()).append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
