package io.meridian.dashboard.api.route53;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.meridian.resolver.control.CidrCollectionService;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.zone.ZoneException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The CIDR collection operations of the Route 53 API (ROUTE53.md §1.4, §1.8): create, change,
 * list collections, locations and blocks (NextToken pages), delete.
 */
final class CidrRoutes {
    private final CidrCollectionService collections;
    private final ZoneService zones;
    private final Clock clock;

    CidrRoutes(CidrCollectionService collections, ZoneService zones, Clock clock) {
        this.collections = collections;
        this.zones = zones;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        String prefix = Route53Api.PREFIX + "/cidrcollection";
        routes.post(prefix, this::create);
        routes.get(prefix, this::listCollections);
        routes.post(prefix + "/{id}", this::change);
        routes.get(prefix + "/{id}", this::listLocations);
        routes.delete(prefix + "/{id}", this::delete);
        routes.get(prefix + "/{id}/cidrblocks", this::listBlocks);
    }

    private void create(Context ctx) throws ApiException, ZoneException {
        RequestXml req = RequestXml.parse(ctx.bodyAsBytes(), "CreateCidrCollectionRequest");
        CidrCollectionService.CidrCollection c = Route53Api.control(() -> collections.create(req.get("Name"), req.get("CallerReference")));
        ctx.header("Location", "https://route53.amazonaws.com" + Route53Api.PREFIX + "/cidrcollection/" + c.id());
        Route53Api.xml(ctx, 201, Route53Xml.document("CreateCidrCollectionResponse", w -> {
            w.writeStartElement("Collection");
            summary(w, c);
            w.writeEndElement();
        }));
    }

    private void change(Context ctx) throws ApiException, ZoneException {
        String id = ctx.pathParam("id");
        RequestXml req = RequestXml.parse(ctx.bodyAsBytes(), "ChangeCidrCollectionRequest");
        Long version = null;
        if (req.get("CollectionVersion") != null) {
            try {
                version = Long.parseLong(req.get("CollectionVersion"));
            } catch (NumberFormatException e) {
                throw invalid("CollectionVersion must be a whole number, got '" + req.get("CollectionVersion") + "'");
            }
        }
        List<CidrCollectionService.LocationChange> changes = new ArrayList<>();
        RequestXml list = req.child("Changes");
        for (RequestXml m : list == null ? List.<RequestXml>of() : list.children("member")) {
            List<String> cidrs = new ArrayList<>();
            RequestXml blocks = m.child("CidrList");
            if (blocks != null) {
                blocks.children("Cidr").forEach(b -> cidrs.add(b.get("")));
            }
            changes.add(new CidrCollectionService.LocationChange(m.get("LocationName"), m.get("Action"), cidrs));
        }
        Long expected = version;
        Route53Api.control(() -> collections.change(id, expected, changes));
        ZoneService.ChangeInfo change = zones.recordChange(clock.instant());
        Route53Api.xml(ctx, 200, Route53Xml.document("ChangeCidrCollectionResponse", w -> Route53Xml.element(w, "Id", change.id())));
    }

    private void delete(Context ctx) throws ApiException, ZoneException {
        String id = ctx.pathParam("id");
        Route53Api.control(() -> {
            collections.delete(id);
            return null;
        });
        Route53Api.xml(ctx, 200, Route53Xml.document("DeleteCidrCollectionResponse", w -> {
        }));
    }

    private void listCollections(Context ctx) throws ApiException {
        List<CidrCollectionService.CidrCollection> all = collections.list();
        page(ctx, "ListCidrCollectionsResponse", "CidrCollections", all, CidrCollectionService.CidrCollection::name, (w, c) -> {
            w.writeStartElement("member");
            summary(w, c);
            w.writeEndElement();
        });
    }

    private void listLocations(Context ctx) throws ApiException, ZoneException {
        CidrCollectionService.CidrCollection c = Route53Api.control(() -> collections.require(ctx.pathParam("id")));
        page(ctx, "ListCidrLocationsResponse", "CidrLocations", List.copyOf(c.locations().keySet()), Function.identity(), (w, name) -> {
            w.writeStartElement("member");
            Route53Xml.element(w, "LocationName", name);
            w.writeEndElement();
        });
    }

    private void listBlocks(Context ctx) throws ApiException, ZoneException {
        CidrCollectionService.CidrCollection c = Route53Api.control(() -> collections.require(ctx.pathParam("id")));
        String location = ctx.queryParam("location");
        if (location != null && !c.locations().containsKey(location)) {
            throw new ApiException(new ApiError(404, "Sender", "NoSuchCidrLocationException",
                    "The CIDR collection " + c.id() + " has no location " + location + "."));
        }
        List<String[]> blocks = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : c.locations().entrySet()) {
            if (location == null || location.equals(e.getKey())) {
                e.getValue().forEach(b -> blocks.add(new String[] {e.getKey(), b}));
            }
        }
        page(ctx, "ListCidrBlocksResponse", "CidrBlocks", blocks, b -> b[0] + " " + b[1], (w, b) -> {
            w.writeStartElement("member");
            Route53Xml.element(w, "CidrBlock", b[1]);
            Route53Xml.element(w, "LocationName", b[0]);
            w.writeEndElement();
        });
    }

    /**
     * One NextToken page: the token is the sort key of the first item not shown, so a page starts
     * at the first item whose key is at or after it, even if the list changed in between.
     */
    private static <T> void page(Context ctx, String root, String listElement, List<T> sorted, Function<T, String> key,
                                 ItemWriter<T> item) throws ApiException {
        String token = ctx.queryParam("nexttoken");
        int max = Route53Api.maxItems(ctx.queryParam("maxresults"), 100);
        List<T> rest = token == null ? sorted : sorted.stream().filter(t -> key.apply(t).compareTo(token) >= 0).toList();
        Page<T> page = Page.of(rest, max);
        Route53Api.xml(ctx, 200, Route53Xml.document(root, w -> {
            if (page.truncated()) {
                Route53Xml.element(w, "NextToken", key.apply(page.next()));
            }
            w.writeStartElement(listElement);
            for (T t : page.items()) {
                item.write(w, t);
            }
            w.writeEndElement();
        }));
    }

    interface ItemWriter<T> {
        void write(javax.xml.stream.XMLStreamWriter w, T item) throws javax.xml.stream.XMLStreamException;
    }

    private static void summary(javax.xml.stream.XMLStreamWriter w, CidrCollectionService.CidrCollection c)
            throws javax.xml.stream.XMLStreamException {
        Route53Xml.element(w, "Arn", c.arn());
        Route53Xml.element(w, "Id", c.id());
        Route53Xml.element(w, "Name", c.name());
        Route53Xml.element(w, "Version", Long.toString(c.version()));
    }

    private static ApiException invalid(String message) {
        return new ApiException(new ApiError(400, "Sender", "InvalidInput", message));
    }
}
