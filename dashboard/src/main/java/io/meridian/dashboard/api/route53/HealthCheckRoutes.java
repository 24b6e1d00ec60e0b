package io.meridian.dashboard.api.route53;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.meridian.resolver.control.HealthCheckConfig;
import io.meridian.resolver.control.HealthCheckService;
import io.meridian.resolver.health.HealthChecker;
import io.meridian.resolver.health.Observation;
import io.meridian.resolver.zone.ZoneException;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.util.List;

/**
 * The health-check operations of the Route 53 API (ROUTE53.md §1.8, §1.10): create, get, list,
 * update, delete, count, and what the probes found (status, last failure reason). This appliance
 * is the one checker, so an observation names its address and no Region.
 */
final class HealthCheckRoutes {
    private final HealthCheckService checks;
    private final HealthChecker checker;

    HealthCheckRoutes(HealthCheckService checks, HealthChecker checker) {
        this.checks = checks;
        this.checker = checker;
    }

    void register(RoutesConfig routes) {
        String prefix = Route53Api.PREFIX;
        routes.post(prefix + "/healthcheck", this::create);
        routes.get(prefix + "/healthcheck", this::list);
        routes.get(prefix + "/healthcheck/{id}", this::get);
        routes.delete(prefix + "/healthcheck/{id}", this::delete);
        routes.post(prefix + "/healthcheck/{id}", this::update);
        routes.get(prefix + "/healthcheck/{id}/status", ctx -> observations(ctx, "GetHealthCheckStatusResponse",
                checker.observations(ctx.pathParam("id")).stream().limit(1).toList()));
        routes.get(prefix + "/healthcheck/{id}/lastfailurereason", ctx -> observations(ctx, "GetHealthCheckLastFailureReasonResponse",
                checker.lastFailure(ctx.pathParam("id")).stream().toList()));
        routes.get(prefix + "/healthcheckcount", ctx -> Route53Api.xml(ctx, 200, Route53Xml.document("GetHealthCheckCountResponse",
                w -> Route53Xml.element(w, "HealthCheckCount", Integer.toString(checks.list().size())))));
    }

    private void create(Context ctx) throws ApiException, ZoneException {
        RequestXml req = RequestXml.parse(ctx.bodyAsBytes(), "CreateHealthCheckRequest");
        RequestXml c = req.child("HealthCheckConfig");
        if (c == null) {
            throw invalid("HealthCheckConfig is required");
        }
        HealthCheckConfig config = new HealthCheckConfig(c.get("Type"), c.get("IPAddress"), integer(c, "Port"), c.get("ResourcePath"),
                c.get("FullyQualifiedDomainName"), c.get("SearchString"), orDefault(integer(c, "RequestInterval"), 30),
                orDefault(integer(c, "FailureThreshold"), 3), bool(c, "MeasureLatency"), bool(c, "Inverted"), bool(c, "Disabled"),
                integer(c, "HealthThreshold"), list(c, "ChildHealthChecks", "ChildHealthCheck"),
                c.has("EnableSNI") ? bool(c, "EnableSNI") : null, list(c, "Regions", "Region"));
        HealthCheckService.HealthCheck check = Route53Api.control(() -> checks.create(req.get("CallerReference"), config));
        ctx.header("Location", "https://route53.amazonaws.com" + Route53Api.PREFIX + "/healthcheck/" + check.id());
        Route53Api.xml(ctx, 201, Route53Xml.document("CreateHealthCheckResponse", w -> healthCheck(w, check)));
    }

    /**
     * UpdateHealthCheck: the request's fields over the stored ones. Inverted and Disabled are
     * read as given (absent means false), as the request carries the whole intended state of them.
     */
    private void update(Context ctx) throws ApiException, ZoneException {
        String id = ctx.pathParam("id");
        RequestXml c = RequestXml.parse(ctx.bodyAsBytes(), "UpdateHealthCheckRequest");
        HealthCheckService.HealthCheck current = Route53Api.control(() -> checks.require(id));
        String version = c.get("HealthCheckVersion");
        Long expected;
        try {
            expected = version == null ? null : Long.valueOf(version);
        } catch (NumberFormatException e) {
            throw invalid("HealthCheckVersion must be a whole number, got " + version);
        }
        HealthCheckConfig changes = new HealthCheckConfig(null, c.get("IPAddress"), integer(c, "Port"), c.get("ResourcePath"),
                c.get("FullyQualifiedDomainName"), c.get("SearchString"), 0, orDefault(integer(c, "FailureThreshold"), 0),
                false, c.has("Inverted") ? bool(c, "Inverted") : current.config().inverted(),
                c.has("Disabled") ? bool(c, "Disabled") : current.config().disabled(),
                integer(c, "HealthThreshold"), list(c, "ChildHealthChecks", "ChildHealthCheck"),
                c.has("EnableSNI") ? bool(c, "EnableSNI") : null, list(c, "Regions", "Region"));
        List<String> reset = list(c, "ResetElements", "ResettableElementName");
        HealthCheckService.HealthCheck check = Route53Api.control(() -> checks.update(id, expected, changes, reset));
        Route53Api.xml(ctx, 200, Route53Xml.document("UpdateHealthCheckResponse", w -> healthCheck(w, check)));
    }

    private void observations(Context ctx, String root, List<Observation> found) throws ApiException, ZoneException {
        Route53Api.control(() -> checks.require(ctx.pathParam("id")));
        Route53Api.xml(ctx, 200, Route53Xml.document(root, w -> {
            w.writeStartElement("HealthCheckObservations");
            for (Observation o : found) {
                w.writeStartElement("HealthCheckObservation");
                optional(w, "IPAddress", o.checkerAddress());
                w.writeStartElement("StatusReport");
                Route53Xml.element(w, "Status", o.status());
                Route53Xml.element(w, "CheckedTime", java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                        o.checkedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
        }));
    }

    private void get(Context ctx) throws ApiException, ZoneException {
        String id = ctx.pathParam("id");
        HealthCheckService.HealthCheck check = Route53Api.control(() -> checks.require(id));
        Route53Api.xml(ctx, 200, Route53Xml.document("GetHealthCheckResponse", w -> healthCheck(w, check)));
    }

    private void delete(Context ctx) throws ApiException, ZoneException {
        String id = ctx.pathParam("id");
        Route53Api.control(() -> {
            checks.delete(id);
            return null;
        });
        Route53Api.xml(ctx, 200, Route53Xml.document("DeleteHealthCheckResponse", w -> { }));
    }

    /** Pages of up to 100 checks in Id order; {@code marker} is the first Id of a page. */
    private void list(Context ctx) throws ApiException {
        String marker = ctx.queryParam("marker");
        int max = Route53Api.maxItems(ctx.queryParam("maxitems"), 100);
        Page<HealthCheckService.HealthCheck> page = Page.of(checks.list().stream()
                .filter(h -> marker == null || h.id().compareTo(marker) >= 0).toList(), max);
        Route53Api.xml(ctx, 200, Route53Xml.document("ListHealthChecksResponse", w -> {
            w.writeStartElement("HealthChecks");
            for (HealthCheckService.HealthCheck h : page.items()) {
                healthCheck(w, h);
            }
            w.writeEndElement();
            page.writeMarkerTail(w, marker, HealthCheckService.HealthCheck::id);
        }));
    }

    /** The HealthCheck element, HealthCheckConfig fields in the API model's order. */
    static void healthCheck(XMLStreamWriter w, HealthCheckService.HealthCheck h) throws XMLStreamException {
        HealthCheckConfig c = h.config();
        w.writeStartElement("HealthCheck");
        Route53Xml.element(w, "Id", h.id());
        Route53Xml.element(w, "CallerReference", h.callerReference());
        w.writeStartElement("HealthCheckConfig");
        optional(w, "IPAddress", c.ipAddress());
        optional(w, "Port", c.port());
        Route53Xml.element(w, "Type", c.type());
        optional(w, "ResourcePath", c.resourcePath());
        optional(w, "FullyQualifiedDomainName", c.fullyQualifiedDomainName());
        optional(w, "SearchString", c.searchString());
        Route53Xml.element(w, "RequestInterval", Integer.toString(c.requestInterval()));
        Route53Xml.element(w, "FailureThreshold", Integer.toString(c.failureThreshold()));
        Route53Xml.element(w, "MeasureLatency", Boolean.toString(c.measureLatency()));
        Route53Xml.element(w, "Inverted", Boolean.toString(c.inverted()));
        Route53Xml.element(w, "Disabled", Boolean.toString(c.disabled()));
        optional(w, "HealthThreshold", c.healthThreshold());
        if (!c.childHealthChecks().isEmpty()) {
            w.writeStartElement("ChildHealthChecks");
            for (String child : c.childHealthChecks()) {
                Route53Xml.element(w, "ChildHealthCheck", child);
            }
            w.writeEndElement();
        }
        optional(w, "EnableSNI", c.enableSni());
        if (!c.regions().isEmpty()) {
            w.writeStartElement("Regions");
            for (String region : c.regions()) {
                Route53Xml.element(w, "Region", region);
            }
            w.writeEndElement();
        }
        w.writeEndElement();
        Route53Xml.element(w, "HealthCheckVersion", Long.toString(h.version()));
        w.writeEndElement();
    }

    private static void optional(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        if (value != null) {
            Route53Xml.element(w, name, value.toString());
        }
    }

    private static Integer integer(RequestXml c, String name) throws ApiException {
        String v = c.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw invalid(name + " must be a whole number, got " + v);
        }
    }

    private static int orDefault(Integer v, int d) {
        return v == null ? d : v;
    }

    private static boolean bool(RequestXml c, String name) throws ApiException {
        String v = c.get(name);
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw invalid(name + " must be true or false, got " + v);
    }

    private static List<String> list(RequestXml c, String container, String item) {
        RequestXml n = c.child(container);
        return n == null ? List.of() : n.children(item).stream().map(x -> x.get("")).toList();
    }

    private static ApiException invalid(String message) {
        return new ApiException(new ApiError(400, "Sender", "InvalidInput", message));
    }
}
