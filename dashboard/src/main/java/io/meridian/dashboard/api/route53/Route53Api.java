package io.meridian.dashboard.api.route53;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.meridian.resolver.control.ZoneService;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The Route 53 REST/XML API 2013-04-01 (ROUTE53.md §1.8) on the HTTP face. Every call under
 * {@code /2013-04-01/} must carry a valid SigV4 signature; errors use Route 53's XML bodies.
 * Operations so far: GetHostedZoneCount.
 */
public final class Route53Api {
    static final String PREFIX = "/2013-04-01";

    private final SigV4Verifier verifier;
    private final ZoneService zones;
    private final Clock clock;

    public Route53Api(ApiKeys keys, ZoneService zones, Clock clock) {
        this.verifier = new SigV4Verifier(keys);
        this.zones = zones;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.before(PREFIX + "/*", this::authenticate);
        routes.get(PREFIX + "/hostedzonecount", ctx -> xml(ctx, 200, Route53Xml.document("GetHostedZoneCountResponse",
                w -> Route53Xml.element(w, "HostedZoneCount", Integer.toString(zones.list().size())))));
    }

    private void authenticate(Context ctx) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(ctx.headerMap());
        SigV4Verifier.Request request = new SigV4Verifier.Request(ctx.method().name(), ctx.req().getRequestURI(),
                ctx.queryString(), headers, ctx.bodyAsBytes());
        ApiError error = verifier.verify(request, clock.instant());
        if (error != null) {
            xml(ctx, error.status(), Route53Xml.error(error, requestId(ctx)));
            ctx.skipRemainingHandlers();
        }
    }

    private static String requestId(Context ctx) {
        String id = ctx.attribute("requestId");
        if (id == null) {
            id = UUID.randomUUID().toString();
            ctx.attribute("requestId", id);
        }
        return id;
    }

    private static void xml(Context ctx, int status, String body) {
        ctx.status(status).contentType("text/xml").header("x-amzn-RequestId", requestId(ctx)).result(body);
    }
}
