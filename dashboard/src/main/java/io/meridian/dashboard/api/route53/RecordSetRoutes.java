package io.meridian.dashboard.api.route53;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.meridian.resolver.control.RecordSetChange;
import io.meridian.resolver.control.ResourceRecordSet;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.zone.ZoneException;

import java.time.Clock;
import java.util.List;

/** ListResourceRecordSets and ChangeResourceRecordSets (ROUTE53.md §1.7, §1.8). */
final class RecordSetRoutes {
    private final ZoneService zones;
    private final Clock clock;

    RecordSetRoutes(ZoneService zones, Clock clock) {
        this.zones = zones;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.get(Route53Api.PREFIX + "/hostedzone/{id}/rrset", this::listResourceRecordSets);
        routes.post(Route53Api.PREFIX + "/hostedzone/{id}/rrset", this::changeResourceRecordSets);
    }

    /** ChangeResourceRecordSets: a refused batch answers InvalidChangeBatch listing every reason. */
    private void changeResourceRecordSets(Context ctx) throws ApiException, ZoneException {
        String id = ctx.pathParam("id");
        RequestXml req = RequestXml.parse(ctx.bodyAsBytes(), "ChangeResourceRecordSetsRequest");
        RequestXml changes = req.child("ChangeBatch/Changes");
        if (changes == null || changes.children("Change").isEmpty()) {
            throw new ApiException(new ApiError(400, "Sender", "InvalidInput", "ChangeBatch/Changes needs at least one Change"));
        }
        List<RecordSetChange> batch = new java.util.ArrayList<>();
        for (RequestXml change : changes.children("Change")) {
            batch.add(ChangeXml.recordSetChange(change));
        }
        ZoneService.ChangeInfo change = Route53Api.control(() -> zones.changeRecordSets(id, batch, clock.instant()));
        Route53Api.xml(ctx, 200, Route53Xml.document("ChangeResourceRecordSetsResponse", w -> HostedZoneXml.changeInfo(w, change)));
    }

    /**
     * Up to maxitems (at most 300) record sets from the first at or after (name, type, identifier)
     * in Route 53's order, with the next position when there are more (ROUTE53.md §1.8).
     */
    private void listResourceRecordSets(Context ctx) throws ApiException, ZoneException {
        String id = ctx.pathParam("id");
        String name = ctx.queryParam("name");
        String type = ctx.queryParam("type");
        String identifier = ctx.queryParam("identifier");
        if (type != null && name == null) {
            throw new ApiException(new ApiError(400, "Sender", "InvalidInput", "The type parameter needs the name parameter"));
        }
        if (identifier != null && type == null) {
            throw new ApiException(new ApiError(400, "Sender", "InvalidInput", "The identifier parameter needs the type parameter"));
        }
        int max = Route53Api.maxItems(ctx.queryParam("maxitems"), 300);
        List<ResourceRecordSet> all = Route53Api.control(() -> zones.recordSets(id));
        String lower = name == null ? null : name.toLowerCase(java.util.Locale.ROOT);
        ResourceRecordSet from = name == null ? null : new ResourceRecordSet(lower.endsWith(".") ? lower : lower + ".",
                type == null ? "" : type, identifier, null, List.of(), null, null, null);
        Page<ResourceRecordSet> page = Page.of(from == null ? all
                : all.stream().filter(r -> ResourceRecordSet.ORDER.compare(r, from) >= 0).toList(), max);
        Route53Api.xml(ctx, 200, Route53Xml.document("ListResourceRecordSetsResponse", w -> {
            w.writeStartElement("ResourceRecordSets");
            for (ResourceRecordSet r : page.items()) {
                RecordSetXml.recordSet(w, r);
            }
            w.writeEndElement();
            Route53Xml.element(w, "IsTruncated", Boolean.toString(page.truncated()));
            if (page.truncated()) {
                Route53Xml.element(w, "NextRecordName", page.next().name());
                Route53Xml.element(w, "NextRecordType", page.next().type());
                if (page.next().setIdentifier() != null) {
                    Route53Xml.element(w, "NextRecordIdentifier", page.next().setIdentifier());
                }
            }
            Route53Xml.element(w, "MaxItems", Integer.toString(max));
        }));
    }
}
