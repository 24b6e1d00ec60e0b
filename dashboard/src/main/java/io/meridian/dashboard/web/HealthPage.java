package io.meridian.dashboard.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.meridian.resolver.control.ControlException;
import io.meridian.resolver.control.HealthCheckConfig;
import io.meridian.resolver.control.HealthCheckService.HealthCheck;
import io.meridian.resolver.control.ResourceRecordSet;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.health.Observation;
import io.meridian.resolver.server.DataPlane;

import java.util.List;
import java.util.Optional;

/**
 * The health page (/ui/health): every health check with the status routing sees, a timeline of
 * its recent results, the last failure, the probe latency, the record sets and CALCULATED checks
 * that depend on it, and disable/enable/invert. The list refreshes itself: htmx polls
 * /ui/health/checks every 2 s, so a target going down shows without a reload.
 */
final class HealthPage {
    private final DataPlane plane;

    HealthPage(DataPlane plane) {
        this.plane = plane;
    }

    void register(RoutesConfig routes) {
        routes.get("/ui/health", ctx -> ctx.html(Html.page("Health", Dashboard.user(ctx), Dashboard.csrf(ctx),
                "<div id=checks hx-get=\"/ui/health/checks\" hx-trigger=\"every 2s\">" + checks(Dashboard.csrf(ctx)) + "</div>")));
        routes.get("/ui/health/checks", ctx -> ctx.html(checks(Dashboard.csrf(ctx))));
        routes.post("/ui/health/{id}/{action}", this::act);
    }

    /** The overview's few lines: how many checks are healthy, and the way to the page. */
    static String summary(DataPlane plane) {
        return "<section><h2>Health checks</h2><p class=summary>" + counts(plane, plane.healthChecks().list())
                + " <a href=\"/ui/health\">Open the health page</a></p></section>";
    }

    private static String counts(DataPlane plane, List<HealthCheck> all) {
        if (all.isEmpty()) {
            return "No health checks yet: create them with the Route 53 API (CreateHealthCheck).";
        }
        long down = all.stream().filter(h -> !plane.checker().healthy(h.id())).count();
        long disabled = all.stream().filter(h -> h.config().disabled()).count();
        return all.size() + (all.size() == 1 ? " health check: " : " health checks: ") + count(all.size() - down, "healthy", "ok")
                + ", " + count(down, "unhealthy", "down") + (disabled == 0 ? "" : ", " + disabled + " disabled") + ".";
    }

    /** A count in its colour, plain when zero: a red "0 unhealthy" would catch the eye for nothing. */
    private static String count(long n, String what, String cssClass) {
        return n == 0 ? "0 " + what : "<span class=" + cssClass + ">" + n + " " + what + "</span>";
    }

    private String checks(String csrf) {
        List<HealthCheck> all = plane.healthChecks().list();
        StringBuilder b = new StringBuilder("<section><h2>Health checks</h2><p class=summary>").append(counts(plane, all))
                .append(" <span class=muted>Each strip shows the recent results, newest on the right; point at a tick for its"
                        + " time, result and latency.</span></p></section>");
        all.forEach(h -> b.append(card(h, all, csrf)));
        return b.toString();
    }

    private String card(HealthCheck h, List<HealthCheck> all, String csrf) {
        HealthCheckConfig c = h.config();
        boolean up = plane.checker().healthy(h.id());
        List<Observation> recent = plane.checker().observations(h.id());
        StringBuilder b = new StringBuilder("<section class=check id=\"check-").append(Html.escape(h.id())).append("\">")
                .append("<div class=check-head><span class=\"badge ").append(up ? "ok\">healthy" : "down\">unhealthy").append("</span>")
                .append("<strong>").append(Html.escape(c.type())).append("</strong> ").append(target(c))
                .append(c.disabled() ? "<span class=tag>disabled: not probed</span>" : "")
                .append(c.inverted() ? "<span class=tag>inverted</span>" : "")
                .append("<span class=actions>")
                .append(button(csrf, h.id(), c.disabled() ? "enable" : "disable", c.disabled() ? "Enable" : "Disable"))
                .append(button(csrf, h.id(), "invert", c.inverted() ? "Un-invert" : "Invert"))
                .append("</span></div><div class=timeline>").append(HealthTimeline.svg(recent))
                .append("<span class=latency>").append(latency(c, recent)).append("</span></div><dl class=facts>")
                .append("<dt>Last failure</dt><dd>").append(lastFailure(h.id())).append("</dd>")
                .append("<dt>Used by</dt><dd>").append(dependents(h.id(), all)).append("</dd>")
                .append("<dt>Check</dt><dd class=muted>").append(Html.escape(h.id())).append(", version ").append(h.version())
                .append(", every ").append(c.requestInterval()).append(" s, ")
                .append("CALCULATED".equals(c.type()) ? "from its children" : "unhealthy after " + c.failureThreshold()
                        + (c.failureThreshold() == 1 ? " failure" : " failures in a row"))
                .append("</dd></dl></section>");
        return b.toString();
    }

    /** What the check probes, as an operator would type it; for CALCULATED, its children and threshold. */
    private static String target(HealthCheckConfig c) {
        if ("CALCULATED".equals(c.type())) {
            StringBuilder b = new StringBuilder("needs at least ").append(c.healthThreshold()).append(" of ")
                    .append(c.childHealthChecks().size()).append(" children healthy:");
            c.childHealthChecks().forEach(child -> b.append(" <a href=\"#check-").append(Html.escape(child)).append("\">")
                    .append(Html.escape(shortId(child))).append("</a>"));
            return b.toString();
        }
        String host = c.ipAddress() != null ? c.ipAddress() : c.fullyQualifiedDomainName();
        String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + c.port();
        String shown = "TCP".equals(c.type()) ? hostPort
                : (c.type().startsWith("HTTPS") ? "https://" : "http://") + hostPort + (c.resourcePath() == null ? "/" : c.resourcePath());
        return "<code>" + Html.escape(shown) + "</code>"
                + (c.ipAddress() != null && c.fullyQualifiedDomainName() != null
                ? " <span class=muted>Host " + Html.escape(c.fullyQualifiedDomainName()) + "</span>" : "")
                + (c.searchString() == null ? "" : " <span class=muted>looking for \"" + Html.escape(c.searchString()) + "\"</span>");
    }

    /** The first block of an Id: enough to tell a handful of checks apart on one page. */
    private static String shortId(String id) {
        int dash = id.indexOf('-');
        return dash > 0 ? id.substring(0, dash) : id;
    }

    private static String latency(HealthCheckConfig c, List<Observation> recent) {
        if ("CALCULATED".equals(c.type())) {
            return "<span class=muted>no probe of its own</span>";
        }
        if (recent.isEmpty()) {
            return "<span class=muted>not probed yet</span>";
        }
        long[] sorted = recent.stream().mapToLong(Observation::latencyMillis).sorted().toArray();
        return "probe latency: last <b>" + recent.get(0).latencyMillis() + " ms</b>, median <b>" + sorted[(sorted.length - 1) / 2]
                + " ms</b> <span class=muted>of " + sorted.length + "</span>";
    }

    private String lastFailure(String id) {
        Optional<Observation> f = plane.checker().lastFailure(id);
        return f.map(o -> "<span class=down>" + Html.escape(o.status()) + "</span> <span class=muted>at "
                + HealthTimeline.TIME.format(o.checkedAt()) + "</span>").orElse("<span class=muted>none seen</span>");
    }

    /** The record sets whose HealthCheckId is this check, and the CALCULATED checks that count it among their children. */
    private String dependents(String id, List<HealthCheck> all) {
        StringBuilder b = new StringBuilder();
        for (ZoneService.HealthCheckedSet s : plane.zones().recordSetsWithHealthCheck(id)) {
            ResourceRecordSet r = s.recordSet();
            b.append("<li><code>").append(Html.escape(r.name())).append(' ').append(Html.escape(r.type())).append("</code> ")
                    .append(r.setIdentifier() == null ? "" : "set <b>" + Html.escape(r.setIdentifier()) + "</b> · ")
                    .append(r.routing() == null ? "simple" : Html.escape(r.routing().word())).append(" routing")
                    .append(" <span class=muted>· zone ").append(Html.escape(s.zone())).append("</span></li>");
        }
        for (HealthCheck parent : all) {
            if (parent.config().childHealthChecks().contains(id)) {
                b.append("<li>CALCULATED check <a href=\"#check-").append(Html.escape(parent.id())).append("\">")
                        .append(Html.escape(shortId(parent.id()))).append("</a></li>");
            }
        }
        return b.isEmpty() ? "<span class=muted>no record set or calculated check names it</span>" : "<ul>" + b + "</ul>";
    }

    private static String button(String csrf, String id, String action, String label) {
        String path = "/ui/health/" + Html.escape(id) + "/" + action;
        return "<form method=post action=\"" + path + "\" hx-post=\"" + path + "\" hx-target=\"#checks\" class=action>"
                + "<input type=hidden name=csrf value=\"" + Html.escape(csrf) + "\"><button class=small>" + label + "</button></form>";
    }

    /**
     * Disable, enable, invert or un-invert: the same versioned update the API makes
     * (HealthCheckVersion grows by one). htmx gets the list back; a plain form post, the page.
     */
    private void act(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            HealthCheckConfig current = plane.healthChecks().require(id).config();
            boolean disabled = current.disabled();
            boolean inverted = current.inverted();
            switch (ctx.pathParam("action")) {
                case "disable" -> disabled = true;
                case "enable" -> disabled = false;
                case "invert" -> inverted = !inverted;
                default -> {
                    ctx.status(404).html("<p class=error>No such action: disable, enable or invert.</p>");
                    return;
                }
            }
            plane.healthChecks().update(id, null, new HealthCheckConfig(null, null, null, null, null, null, 0, 0, false,
                    inverted, disabled, null, List.of(), null, List.of()), List.of());
        } catch (ControlException e) {
            ctx.status(e.code().startsWith("NoSuch") ? 404 : 400).html("<p class=error>" + Html.escape(e.getMessage()) + "</p>");
            return;
        }
        if (ctx.header("HX-Request") != null) {
            ctx.html(checks(Dashboard.csrf(ctx)));
        } else {
            ctx.redirect("/ui/health");
        }
    }
}
