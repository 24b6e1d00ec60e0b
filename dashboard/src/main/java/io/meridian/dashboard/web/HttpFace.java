package io.meridian.dashboard.web;

import io.javalin.Javalin;
import io.meridian.dashboard.api.route53.Route53Api;
import io.meridian.dashboard.tls.TlsCredentials;
import io.meridian.resolver.config.HttpSettings;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The appliance's HTTP face: the Route 53 API (under /2013-04-01), the dashboard (under /ui, with
 * /login), htmx from its webjar, and a health probe; over plain HTTP, HTTPS, or both
 * (config {@code http}). The certificate can be replaced while serving ({@link #useCredentials}).
 */
public final class HttpFace implements AutoCloseable {
    private final Javalin app;
    private final Dashboard dashboard;
    private final ServerConnector plain;
    private final ServerConnector secure;
    private final SslContextFactory.Server tls;

    private HttpFace(Javalin app, Dashboard dashboard, ServerConnector plain, ServerConnector secure, SslContextFactory.Server tls) {
        this.app = app;
        this.dashboard = dashboard;
        this.plain = plain;
        this.secure = secure;
        this.tls = tls;
    }

    /** @param credentials the certificate and key when {@code settings} has TLS, else null */
    public static HttpFace start(HttpSettings settings, TlsCredentials credentials, Route53Api api, Dashboard dashboard) {
        List<ServerConnector> made = new ArrayList<>();
        SslContextFactory.Server tls = credentials == null ? null : sslContextFactory(credentials);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.enableWebjars();
            // Javalin adds its own connector only when none is configured; these replace it.
            if (settings.plain()) {
                config.jetty.addConnector((server, http) -> connector(made, server, settings.listen(), new HttpConnectionFactory(http)));
            }
            if (tls != null) {
                config.jetty.addConnector((server, http) -> {
                    HttpConfiguration https = new HttpConfiguration(http);
                    SecureRequestCustomizer secure = new SecureRequestCustomizer();
                    // A client that checked the certificate already chose the name; Jetty need not refuse others.
                    secure.setSniHostCheck(false);
                    https.addCustomizer(secure);
                    return connector(made, server, settings.tlsListen(), new SslConnectionFactory(tls, "http/1.1"),
                            new HttpConnectionFactory(https));
                });
            }
            api.register(config.routes);
            dashboard.register(config.routes);
            config.routes.get("/healthz", ctx -> ctx.result("ok"));
            config.routes.get("/", ctx -> ctx.redirect("/ui"));
        });
        app.start();
        ServerConnector plain = settings.plain() ? made.get(0) : null;
        ServerConnector secure = tls == null ? null : made.get(made.size() - 1);
        return new HttpFace(app, dashboard, plain, secure, tls);
    }

    private static ServerConnector connector(List<ServerConnector> made, Server server, InetSocketAddress address,
                                             org.eclipse.jetty.server.ConnectionFactory... factories) {
        ServerConnector c = new ServerConnector(server, factories);
        c.setHost(address.getHostString());
        c.setPort(address.getPort());
        made.add(c);
        return c;
    }

    private static SslContextFactory.Server sslContextFactory(TlsCredentials credentials) {
        SslContextFactory.Server f = new SslContextFactory.Server();
        configure(f, credentials);
        return f;
    }

    private static void configure(SslContextFactory f, TlsCredentials credentials) {
        f.setKeyStore(credentials.keyStore());
        f.setKeyStorePassword(new String(credentials.password()));
        f.setKeyManagerPassword(new String(credentials.password()));
    }

    /**
     * Serves a new certificate and key from the next handshake on (a reload); connections open now
     * keep theirs. Without HTTPS configured at start, this needs a restart.
     */
    public void useCredentials(TlsCredentials credentials) throws Exception {
        if (tls == null) {
            throw new IllegalStateException("HTTPS was not on at start");
        }
        tls.reload(f -> configure(f, credentials));
    }

    public boolean servesTls() {
        return tls != null;
    }

    /** The plain HTTP address, or the HTTPS one when plain HTTP is off. */
    public InetSocketAddress address() {
        ServerConnector c = plain != null ? plain : secure;
        return new InetSocketAddress(c.getHost(), c.getLocalPort());
    }

    /** Where the face listens, as URLs ("http://127.0.0.1:8080", "https://127.0.0.1:8443"). */
    public List<String> urls() {
        List<String> urls = new ArrayList<>();
        if (plain != null) {
            urls.add("http://" + hostPort(new InetSocketAddress(plain.getHost(), plain.getLocalPort())));
        }
        if (secure != null) {
            urls.add("https://" + hostPort(new InetSocketAddress(secure.getHost(), secure.getLocalPort())));
        }
        return urls;
    }

    /** The HTTPS address, or null without HTTPS. */
    public InetSocketAddress tlsAddress() {
        return secure == null ? null : new InetSocketAddress(secure.getHost(), secure.getLocalPort());
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
