package io.meridian.dashboard.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.meridian.resolver.control.ControlException;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.server.DataPlane;
import io.meridian.resolver.zone.Explanation;

import java.time.Clock;

/**
 * The browser dashboard (Javalin + htmx, rendered on the server). Every page under /ui needs a
 * login: users come from {@link DashboardUsers}, sessions live in an HttpOnly, SameSite=Strict
 * cookie, and every POST must carry the session's CSRF token (form field or the X-CSRF-Token
 * header htmx sends). Built so far: login, overview, Explain.
 */
public final class Dashboard implements AutoCloseable {
    static final String COOKIE = "meridian_session";

    private final DataPlane plane;
    private volatile DashboardUsers users;
    private final Sessions sessions;
    private final String metricsToken;
    private final QueryLogTail log;

    /** @param metricsToken what Prometheus sends as "Authorization: Bearer ..." to read /metrics without a login */
    public Dashboard(DataPlane plane, DashboardUsers users, Clock clock, String metricsToken) {
        this.plane = plane;
        this.users = users;
        this.sessions = new Sessions(clock);
        this.metricsToken = metricsToken;
        this.log = new QueryLogTail(plane.queryLog());
    }

    /**
     * /metrics for Prometheus: with the bearer token (a scraper has no login) or a logged-in
     * session; anything else is 401, since counts and health checks describe the operator's network.
     */
    private void metrics(Context ctx) {
        String auth = ctx.header("Authorization");
        boolean token = auth != null && auth.startsWith("Bearer ") && java.security.MessageDigest.isEqual(
                auth.substring(7).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                metricsToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!token && sessions.find(ctx.cookie(COOKIE)) == null) {
            ctx.status(401).header("WWW-Authenticate", "Bearer").result("log in, or send the metrics token as a bearer token\n");
            return;
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(Metrics.render(plane));
    }

    /** Who may log in from now on (a reload of the configuration); the sessions of users no longer there end. */
    public void useUsers(DashboardUsers next) {
        users = next;
        sessions.retainUsers(next.names());
    }

    void register(RoutesConfig routes) {
        routes.get("/login", ctx -> ctx.html(loginPage(null)));
        routes.post("/login", this::login);
        routes.post("/logout", this::logout);
        routes.before("/ui", this::requireLogin);
        routes.before("/ui/*", this::requireLogin);
        routes.get("/ui", this::overview);
        routes.get("/ui/traffic", ctx -> ctx.html(Metrics.traffic(plane.server().metrics())));
        routes.get("/metrics", this::metrics);
        routes.get("/ui/log", this::logPage);
        routes.get("/ui/log/lines", ctx -> ctx.html(QueryLogPage.lines(ctx, log)));
        routes.sse("/ui/log/stream", this::logStream);
        routes.get("/ui/stats", ctx -> ctx.html(OverviewStats.render(plane)));
        routes.get("/ui/explain", ctx -> ctx.html(Html.page("Explain", user(ctx), csrf(ctx), ExplainPage.form())));
        routes.post("/ui/explain", this::explain);
        new HealthPage(plane).register(routes);
        new ZonesPage(plane).register(routes);
    }

    private void login(Context ctx) {
        String name = ctx.formParam("username");
        if (!users.check(name, ctx.formParam("password"))) {
            ctx.status(401).html(loginPage("Wrong user name or password."));
            return;
        }
        Cookie cookie = new Cookie(COOKIE, sessions.open(name));
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setPath("/");
        ctx.cookie(cookie);
        ctx.redirect("/ui");
    }

    private void logout(Context ctx) {
        Sessions.Session s = sessions.find(ctx.cookie(COOKIE));
        if (s != null && s.csrf().equals(ctx.formParam("csrf"))) {
            sessions.close(ctx.cookie(COOKIE));
        }
        ctx.removeCookie(COOKIE, "/");
        ctx.redirect("/login");
    }

    /** Logged in, and for anything but GET the session's CSRF token: else to the login page, or 403. */
    private void requireLogin(Context ctx) {
        Sessions.Session s = sessions.find(ctx.cookie(COOKIE));
        if (s == null) {
            if (ctx.header("HX-Request") != null) {
                ctx.header("HX-Redirect", "/login");
                ctx.status(401);
            } else {
                ctx.redirect("/login");
            }
            ctx.skipRemainingHandlers();
            return;
        }
        boolean safe = ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD");
        String token = ctx.header("X-CSRF-Token") != null ? ctx.header("X-CSRF-Token") : ctx.formParam("csrf");
        if (!safe && !s.csrf().equals(token)) {
            ctx.status(403).html("<p class=error>This form is stale or was not sent by this dashboard (CSRF check). Reload the page.</p>");
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute("session", s);
    }

    static String user(Context ctx) {
        Sessions.Session s = ctx.attribute("session");
        return s == null ? null : s.user();
    }

    static String csrf(Context ctx) {
        Sessions.Session s = ctx.attribute("session");
        return s == null ? null : s.csrf();
    }

    @Override
    public void close() {
        log.close();
    }

    private void logStream(io.javalin.http.sse.SseClient client) {
        try {
            log.attach(client, QueryLogPage.filter(client.ctx()));
        } catch (IllegalArgumentException e) {
            client.close();
        }
    }

    private void logPage(Context ctx) {
        ctx.html(Html.page("Query log", user(ctx), csrf(ctx), QueryLogPage.body(ctx, log)));
    }

    private void overview(Context ctx) {
        StringBuilder zones = new StringBuilder("<section><h2>Hosted zones</h2><table><thead><tr><th>Zone</th><th>Id</th>"
                + "<th>Record sets</th><th>Serial</th></tr></thead><tbody>");
        for (ZoneService.ZoneSummary z : plane.zones().list()) {
            zones.append("<tr><td><a href=\"/ui/zones/").append(Html.escape(z.id())).append("\">").append(Html.escape(z.origin()))
                    .append("</a></td><td class=muted>").append(Html.escape(z.id()))
                    .append("</td><td>").append(z.rrsets()).append("</td><td>").append(z.serial()).append("</td></tr>");
        }
        zones.append("</tbody></table></section>");
        String dns = "<section><h2>DNS</h2><p>Serving on " + Html.escape(HttpFace.hostPort(plane.server().udpAddress()))
                + " (UDP and TCP). Geo data: " + Html.escape(plane.geo().view().get().describe()) + ".</p>"
                + "<div hx-get=\"/ui/traffic\" hx-trigger=\"load, every 2s\">" + Metrics.traffic(plane.server().metrics())
                + "</div></section>";
        String stats = "<div hx-get=\"/ui/stats\" hx-trigger=\"every 5s\">" + OverviewStats.render(plane) + "</div>";
        ctx.html(Html.page("Overview", user(ctx), csrf(ctx), dns + HealthPage.summary(plane) + stats + zones));
    }

    private void explain(Context ctx) {
        try {
            ZoneService.Explained e = plane.zones().explain(ctx.formParam("name"), ctx.formParam("type"), blankToNull(ctx.formParam("resolver")),
                    blankToNull(ctx.formParam("subnet")), blankToNull(ctx.formParam("mask")));
            ctx.html(ExplainPage.result(e, ctx.formParam("name")));
        } catch (ControlException e) {
            ctx.status(400).html("<p class=error>" + Html.escape(e.getMessage()) + "</p>");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String loginPage(String error) {
        return Html.page("Log in", null, null, "<section class=login><h2>Log in</h2>"
                + (error == null ? "" : "<p class=error>" + Html.escape(error) + "</p>")
                + "<form method=post action=\"/login\"><label>User<input name=username autocomplete=username required autofocus></label>"
                + "<label>Password<input name=password type=password autocomplete=current-password required></label>"
                + "<button>Log in</button></form></section>");
    }

    /** The Explain form and its result: the answer, then each routed decision with its candidates. */
    static final class ExplainPage {
        private ExplainPage() {
        }

        static String form() {
            return "<section><h2>Explain an answer</h2><form class=inline hx-post=\"/ui/explain\" hx-target=\"#result\">"
                    + "<label>Name<input name=name required placeholder=\"www.example.com\"></label>"
                    + "<label>Type<select name=type><option>A</option><option>AAAA</option><option>CNAME</option><option>MX</option>"
                    + "<option>TXT</option><option>NS</option><option>SOA</option><option>SRV</option><option>CAA</option></select></label>"
                    + "<label>Resolver address<input name=resolver placeholder=\"127.0.0.1\"></label>"
                    + "<label>Client subnet<input name=subnet placeholder=\"198.51.100.0\"></label>"
                    + "<label>Prefix<input name=mask size=4 placeholder=\"24\"></label>"
                    + "<button>Explain</button></form></section><div id=result></div>";
        }

        static String result(ZoneService.Explained e, String asked) {
            StringBuilder b = new StringBuilder("<section><h2>Answer: ").append(Html.escape(e.responseCode())).append("</h2>");
            if (e.records().isEmpty()) {
                b.append("<p class=muted>No records in the answer section.</p>");
            } else {
                b.append("<table><tbody>");
                e.records().forEach(r -> b.append("<tr><td><code>").append(Html.escape(r)).append("</code></td></tr>"));
                b.append("</tbody></table>");
            }
            b.append("</section>");
            if (e.decisions().isEmpty()) {
                b.append("<section><p class=muted>No routing policy was involved: plain records answered.</p></section>");
            }
            for (Explanation.Decision d : e.decisions()) {
                String policy = d.policy().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + d.policy().substring(1);
                String owner = d.owner().equals("(the query name)") ? asked : d.owner();
                b.append("<section><h2>").append(Html.escape(policy)).append(" routing for ").append(Html.escape(owner))
                        .append(' ').append(Html.escape(d.type())).append("</h2><p>Client: ").append(Html.escape(d.client()))
                        .append("</p><table><thead><tr><th>Record set</th><th>Health</th><th>Facts</th><th>Chosen</th></tr></thead><tbody>");
                for (Explanation.Candidate c : d.candidates()) {
                    b.append("<tr").append(c.chosen() ? " class=chosen" : "").append("><td>")
                            .append(Html.escape(c.setIdentifier() == null ? "(simple)" : c.setIdentifier())).append("</td><td class=")
                            .append(c.healthy() ? "ok>healthy" : "down>unhealthy").append("</td><td>").append(Html.escape(c.facts()))
                            .append("</td><td>").append(c.chosen() ? "✓" : "").append("</td></tr>");
                }
                b.append("</tbody></table></section>");
            }
            return b.toString();
        }
    }
}
