package io.meridian.dashboard.web;

import io.javalin.Javalin;
import io.meridian.dashboard.api.route53.Route53Api;
import io.meridian.resolver.server.DataPlane;

import java.net.InetSocketAddress;

/**
 * The appliance's HTTP face: the Route 53 API (under /2013-04-01), the dashboard (under /ui, with
 * /login), htmx from its webjar, and a health probe.
 */
public final class HttpFace implements AutoCloseable {
    private final Javalin app;
    private final Dashboard dashboard;

    private HttpFace(Javalin app, Dashboard dashboard) {
        this.app = app;
        this.dashboard = dashboard;
    }

    public static HttpFace start(InetSocketAddress address, DataPlane plane, Route53Api api, Dashboard dashboard) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.enableWebjars();
            api.register(config.routes);
            dashboard.register(config.routes);
            config.routes.get("/healthz", ctx -> ctx.result("ok"));
            config.routes.get("/", ctx -> ctx.redirect("/ui"));
        });
        app.start(address.getHostString(), address.getPort());
        return new HttpFace(app, dashboard);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(app.jettyServer().server().getURI().getHost(), app.port());
    }

    /** Where the face listens, as URLs ("http://127.0.0.1:8080"). */
    public java.util.List<String> urls() {
        return java.util.List.of("http://" + hostPort(address()));
    }

    @Override
    public void close() {
        app.stop();
        dashboard.close();
    }

    /** HOST:PORT as an operator types it, IPv6 in brackets. */
    public static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
