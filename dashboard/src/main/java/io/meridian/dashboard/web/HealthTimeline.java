package io.meridian.dashboard.web;

import io.meridian.resolver.health.HealthChecker;
import io.meridian.resolver.health.Observation;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One health check's recent results as an inline SVG strip: a tick per probe, green when it passed
 * and red when it failed, the newest at the right edge. The strip always has a slot for each result
 * the checker keeps, so every check's "now" lines up and a fresh check shows how little it has seen.
 * Each tick's tooltip gives the time, the status text and the probe latency.
 */
final class HealthTimeline {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final int TICK = 7;
    private static final int STEP = TICK + 2;
    private static final int HEIGHT = 22;

    private HealthTimeline() {
    }

    /** @param newestFirst as {@link HealthChecker#observations} gives them */
    static String svg(List<Observation> newestFirst) {
        int width = HealthChecker.HISTORY * STEP - (STEP - TICK);
        long failed = newestFirst.stream().filter(o -> !o.success()).count();
        StringBuilder b = new StringBuilder("<svg class=ticks width=").append(width).append(" height=").append(HEIGHT)
                .append(" viewBox=\"0 0 ").append(width).append(' ').append(HEIGHT).append("\" role=img aria-label=\"")
                .append(newestFirst.size() - failed).append(" passed and ").append(failed).append(" failed of the last ")
                .append(newestFirst.size()).append(" results\">");
        for (int slot = 0; slot < HealthChecker.HISTORY; slot++) {
            int x = width - TICK - slot * STEP;
            b.append("<rect x=").append(x).append(" y=0 width=").append(TICK).append(" height=").append(HEIGHT).append(" rx=1.5");
            if (slot < newestFirst.size()) {
                Observation o = newestFirst.get(slot);
                b.append(" class=").append(o.success() ? "pass" : "fail").append("><title>").append(Html.escape(tooltip(o)))
                        .append("</title></rect>");
            } else {
                b.append(" class=empty></rect>");
            }
        }
        return b.append("</svg>").toString();
    }

    private static String tooltip(Observation o) {
        return TIME.format(o.checkedAt()) + " · " + o.latencyMillis() + " ms\n" + o.status();
    }
}
