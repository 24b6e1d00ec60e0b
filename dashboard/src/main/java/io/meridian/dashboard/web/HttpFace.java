package io.meridian.dashboard.web;

import io.javalin.Javalin;
import io.meridian.dashboard.api.route53.Route53Api;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.server.DataPlane;

import java.net.InetSocketAddress;

/**
 * The appliance's HTTP face: the Route 53 API (under /2013-04-01), a health probe, and a plain
 * status page listing the zones served; the dashboard mounts here as it arrives.
 */
public final class HttpFace implements AutoCloseable {
    private final Javalin app;

    private HttpFace(Javalin app) {
        this.app = app;
    }

    public static HttpFace start(InetSocketAddress address, DataPlane plane, Route53Api api) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            api.register(config.routes);
            config.routes.get("/healthz", ctx -> ctx.result("ok"));
            config.routes.get("/", ctx -> ctx.html(StatusPage.render(plane)));
        });
        app.start(address.getHostString(), address.getPort());
        return new HttpFace(app);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(app.jettyServer().server().getURI().getHost(), app.port());
    }

    @Override
    public void close() {
        app.stop();
    }

    /** HOST:PORT as an operator types it, IPv6 in brackets. */
    public static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Zones listed for a person; HTML-escaped since zone names come from operators' files. */
    static final class StatusPage {
        private StatusPage() {
        }

        static String render(DataPlane plane) {
            StringBuilder rows = new StringBuilder();
            for (ZoneService.ZoneSummary z : plane.zones().list()) {
                rows.append("<tr><td>").append(escape(z.origin())).append("</td><td>").append(z.serial())
                        .append("</td><td>").append(z.records()).append("</td></tr>");
            }
            return "<!doctype html><html><head><meta charset=utf-8><title>Meridian</title></head><body>"
                    + "<h1>Meridian</h1><p>DNS on " + escape(hostPort(plane.server().udpAddress())) + " (UDP and TCP)</p>"
                    + "<table><thead><tr><th>Zone</th><th>Serial</th><th>Records</th></tr></thead><tbody>"
                    + rows + "</tbody></table></body></html>";
        }

        static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
