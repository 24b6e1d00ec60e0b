package io.meridian.dashboard.api.route53;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.meridian.resolver.control.CidrCollectionService;
import io.meridian.resolver.control.ControlException;
import io.meridian.resolver.control.HealthCheckService;
import io.meridian.resolver.control.ResourceRecordSet;
import io.meridian.resolver.control.TagService;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.server.DataPlane;
import io.meridian.resolver.zone.ZoneException;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Route 53 REST/XML API 2013-04-01 (ROUTE53.md §1.8) on the HTTP face. Every call under
 * {@code /2013-04-01/} must carry a valid SigV4 signature; errors use Route 53's XML bodies. This
 * class holds the hosted-zone and change operations and the shared plumbing; record sets, tags,
 * health checks and CIDR collections have route classes of their own.
 */
public final class Route53Api {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Route53Api.class);
    static final String PREFIX = "/2013-04-01";

    private final SigV4Verifier verifier;
    private final ZoneService zones;
    private final HealthCheckService healthChecks;
    private final io.meridian.resolver.health.HealthChecker checker;
    private final TagService tags;
    private final CidrCollectionService cidrCollections;
    private final Clock clock;
    /** Whose delegation set zones created here get (a reload may change it). */
    private final DataPlane plane;

    public Route53Api(ApiKeys keys, DataPlane plane, Clock clock) {
        this.verifier = new SigV4Verifier(keys);
        this.zones = plane.zones();
        this.healthChecks = plane.healthChecks();
        this.checker = plane.checker();
        this.tags = plane.tags();
        this.cidrCollections = plane.cidrCollections();
        this.clock = clock;
        this.plane = plane;
    }

    /** Keys from a reloaded configuration, in force for the next request. */
    public void reconfigure(ApiKeys keys) {
        verifier.use(keys);
    }

    public void register(RoutesConfig routes) {
        routes.before(PREFIX + "/*", this::authenticate);
        routes.get(PREFIX + "/hostedzonecount", ctx -> xml(ctx, 200, Route53Xml.document("GetHostedZoneCountResponse",
                w -> Route53Xml.element(w, "HostedZoneCount", Integer.toString(zones.list().size())))));
        routes.get(PREFIX + "/hostedzone", this::listHostedZones);
        routes.post(PREFIX + "/hostedzone", this::createHostedZone);
        routes.get(PREFIX + "/hostedzone/{id}", this::getHostedZone);
        routes.post(PREFIX + "/hostedzone/{id}", this::updateHostedZoneComment);
        routes.get(PREFIX + "/hostedzonesbyname", this::listHostedZonesByName);
        routes.get(PREFIX + "/testdnsanswer", this::testDnsAnswer);
        routes.delete(PREFIX + "/hostedzone/{id}", this::deleteHostedZone);
        routes.get(PREFIX + "/change/{id}", this::getChange);
        new HealthCheckRoutes(healthChecks, checker).register(routes);
        new TagRoutes(zones, healthChecks, tags).register(routes);
        new RecordSetRoutes(zones, clock).register(routes);
        new CidrRoutes(cidrCollections, zones, clock).register(routes);
        routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.error()));
        routes.exception(Exception.class, (e, ctx) -> {
            // A bug must still answer in Route 53's shape, and leave a trace to fix it by.
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            if (ctx.path().startsWith(PREFIX + "/")) {
                error(ctx, new ApiError(500, "Receiver", "InternalFailure",
                        "The request processing has failed because of an unknown error: " + e));
            } else {
                ctx.status(500).result("internal error");
            }
        });
    }

    private void createHostedZone(Context ctx) throws ApiException, ZoneException {
        RequestXml req = RequestXml.parse(ctx.bodyAsBytes(), "CreateHostedZoneRequest");
        if (req.has("VPC") || "true".equalsIgnoreCase(req.get("HostedZoneConfig/PrivateZone")) || req.has("DelegationSetId")) {
            throw new ApiException(new ApiError(400, "Sender", "InvalidInput",
                    "Private hosted zones (VPC, PrivateZone) and reusable delegation sets are not offered by this appliance"));
        }
        if (req.get("Name") == null || req.get("Name").isEmpty()) {
            throw new ApiException(new ApiError(400, "Sender", "InvalidInput", "Name is required"));
        }
        ZoneService.ZoneSummary zone = control(() -> zones.createHostedZone(req.get("Name"), req.get("CallerReference"),
                req.get("HostedZoneConfig/Comment"), plane.nameServers()));
        List<String> servers = zones.nameServers(zone.origin());
        ZoneService.ChangeInfo change = zones.recordChange(clock.instant());
        ctx.header("Location", "https://route53.amazonaws.com" + PREFIX + "/hostedzone/" + zone.id());
        xml(ctx, 201, Route53Xml.document("CreateHostedZoneResponse", w -> {
            HostedZoneXml.hostedZone(w, zone);
            HostedZoneXml.changeInfo(w, change);
            HostedZoneXml.delegationSet(w, servers);
        }));
    }

    private void updateHostedZoneComment(Context ctx) throws ApiException, ZoneException {
        String id = ctx.pathParam("id");
        RequestXml req = RequestXml.parse(ctx.bodyAsBytes(), "UpdateHostedZoneCommentRequest");
        ZoneService.ZoneSummary zone = control(() -> zones.updateComment(id, req.get("Comment")));
        xml(ctx, 200, Route53Xml.document("UpdateHostedZoneCommentResponse", w -> HostedZoneXml.hostedZone(w, zone)));
    }

    /**
     * Zones ordered by name with the labels reversed ("com.example.www."), from dnsname on
     * (ROUTE53.md §1.8); a name is hosted at most once here, so hostedzoneid only echoes back.
     */
    private void listHostedZonesByName(Context ctx) throws ApiException {
        String dnsName = ctx.queryParam("dnsname");
        String zoneId = ctx.queryParam("hostedzoneid");
        if (zoneId != null && dnsName == null) {
            throw new ApiException(new ApiError(400, "Sender", "InvalidInput", "hostedzoneid needs dnsname"));
        }
        String from;
        try {
            from = dnsName == null ? null : ResourceRecordSet.route53Name(org.xbill.DNS.Name.fromString(dnsName.endsWith(".") ? dnsName : dnsName + "."));
        } catch (org.xbill.DNS.TextParseException e) {
            throw new ApiException(new ApiError(400, "Sender", "InvalidDomainName", dnsName + " is not a valid domain name"));
        }
        int max = maxItems(ctx.queryParam("maxitems"), 100);
        Comparator<ZoneService.ZoneSummary> byName = Comparator.comparing(z -> ResourceRecordSet.reversedLabels(z.origin()));
        Page<ZoneService.ZoneSummary> page = Page.of(zones.list().stream().sorted(byName)
                .filter(z -> from == null || ResourceRecordSet.reversedLabels(z.origin()).compareTo(ResourceRecordSet.reversedLabels(from)) >= 0)
                .toList(), max);
        xml(ctx, 200, Route53Xml.document("ListHostedZonesByNameResponse", w -> {
            w.writeStartElement("HostedZones");
            for (ZoneService.ZoneSummary z : page.items()) {
                HostedZoneXml.hostedZone(w, z);
            }
            w.writeEndElement();
            if (dnsName != null) {
                Route53Xml.element(w, "DNSName", dnsName);
            }
            if (zoneId != null) {
                Route53Xml.element(w, "HostedZoneId", zoneId);
            }
            Route53Xml.element(w, "IsTruncated", Boolean.toString(page.truncated()));
            if (page.truncated()) {
                Route53Xml.element(w, "NextDNSName", page.next().origin());
                Route53Xml.element(w, "NextHostedZoneId", page.next().id());
            }
            Route53Xml.element(w, "MaxItems", Integer.toString(max));
        }));
    }

    private void testDnsAnswer(Context ctx) throws ApiException, ZoneException {
        String zoneId = ctx.queryParam("hostedzoneid");
        String name = ctx.queryParam("recordname");
        String type = ctx.queryParam("recordtype");
        if (zoneId == null || name == null || type == null) {
            throw new ApiException(new ApiError(400, "Sender", "InvalidInput", "hostedzoneid, recordname and recordtype are required"));
        }
        ZoneService.TestAnswer answer = control(() -> zones.testDnsAnswer(zoneId, name, type, ctx.queryParam("resolverip"),
                ctx.queryParam("edns0clientsubnetip"), ctx.queryParam("edns0clientsubnetmask")));
        xml(ctx, 200, Route53Xml.document("TestDNSAnswerResponse", w -> {
            List<String> servers = plane.nameServers();
            Route53Xml.element(w, "Nameserver", servers.isEmpty() ? "" : servers.get(0));
            Route53Xml.element(w, "RecordName", name);
            Route53Xml.element(w, "RecordType", type);
            w.writeStartElement("RecordData");
            for (String value : answer.data()) {
                Route53Xml.element(w, "RecordDataEntry", value);
            }
            w.writeEndElement();
            Route53Xml.element(w, "ResponseCode", answer.responseCode());
            Route53Xml.element(w, "Protocol", "UDP");
        }));
    }

    private void deleteHostedZone(Context ctx) throws ApiException, ZoneException {
        String id = ctx.pathParam("id");
        control(() -> {
            zones.deleteHostedZone(id);
            return null;
        });
        ZoneService.ChangeInfo change = zones.recordChange(clock.instant());
        xml(ctx, 200, Route53Xml.document("DeleteHostedZoneResponse", w -> HostedZoneXml.changeInfo(w, change)));
    }

    /** maxitems as Route 53 reads it: a positive number, capped at {@code cap}; absent means the cap. */
    static int maxItems(String text, int cap) throws ApiException {
        if (text == null) {
            return cap;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return Math.min(cap, n);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new ApiException(new ApiError(400, "Sender", "InvalidInput", "1 validation error detected: Value '" + text
                + "' at 'maxItems' failed to satisfy constraint: Member must be a positive integer"));
    }

    private void getChange(Context ctx) throws ApiException, ZoneException {
        String id = ctx.pathParam("id");
        ZoneService.ChangeInfo change = control(() -> zones.change(id));
        xml(ctx, 200, Route53Xml.document("GetChangeResponse", w -> HostedZoneXml.changeInfo(w, change)));
    }

    /** A control-plane call whose refusals become Route 53 errors with their HTTP status. */
    static <T> T control(ControlCall<T> call) throws ApiException, ZoneException {
        try {
            return call.run();
        } catch (ControlException e) {
            throw new ApiException(new ApiError(Route53Errors.status(e.code()), "Sender", e.code(), e.getMessage(), e.reasons()));
        }
    }

    interface ControlCall<T> {
        T run() throws ControlException, ZoneException;
    }

    private void getHostedZone(Context ctx) throws ZoneException {
        String id = ctx.pathParam("id");
        Optional<ZoneService.ZoneSummary> zone = zones.hostedZone(id);
        if (zone.isEmpty()) {
            error(ctx, new ApiError(404, "Sender", "NoSuchHostedZone", "No hosted zone found with ID: " + id));
            return;
        }
        List<String> nameServers = zones.nameServers(zone.get().origin());
        xml(ctx, 200, Route53Xml.document("GetHostedZoneResponse", w -> {
            HostedZoneXml.hostedZone(w, zone.get());
            HostedZoneXml.delegationSet(w, nameServers);
        }));
    }

    /** Pages of up to 100 zones in hosted zone Id order; {@code marker} is the first Id of a page. */
    private void listHostedZones(Context ctx) throws ApiException {
        String marker = ctx.queryParam("marker");
        int max = maxItems(ctx.queryParam("maxitems"), 100);
        Page<ZoneService.ZoneSummary> page = Page.of(zones.list().stream()
                .sorted(Comparator.comparing(ZoneService.ZoneSummary::id))
                .filter(z -> marker == null || z.id().compareTo(marker) >= 0)
                .toList(), max);
        xml(ctx, 200, Route53Xml.document("ListHostedZonesResponse", w -> {
            w.writeStartElement("HostedZones");
            for (ZoneService.ZoneSummary z : page.items()) {
                HostedZoneXml.hostedZone(w, z);
            }
            w.writeEndElement();
            page.writeMarkerTail(w, marker, ZoneService.ZoneSummary::id);
        }));
    }

    private static void error(Context ctx, ApiError e) {
        xml(ctx, e.status(), Route53Xml.error(e, requestId(ctx)));
    }

    private void authenticate(Context ctx) {
        SigV4Verifier.Request request = new SigV4Verifier.Request(ctx.method().name(), ctx.req().getRequestURI(),
                ctx.queryString(), ctx.headerMap(), ctx.bodyAsBytes());
        ApiError error = verifier.verify(request, clock.instant());
        if (error != null) {
            error(ctx, error);
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

    static void xml(Context ctx, int status, String body) {
        ctx.status(status).contentType("text/xml").header("x-amzn-RequestId", requestId(ctx)).result(body);
    }
}
