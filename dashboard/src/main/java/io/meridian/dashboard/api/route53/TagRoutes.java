package io.meridian.dashboard.api.route53;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.meridian.resolver.control.HealthCheckService;
import io.meridian.resolver.control.TagService;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.zone.ZoneException;

import java.util.List;
import java.util.Map;

/** ChangeTagsForResource, ListTagsForResource and ListTagsForResources for zones and health checks. */
final class TagRoutes {
    private final ZoneService zones;
    private final HealthCheckService healthChecks;
    private final TagService tags;

    TagRoutes(ZoneService zones, HealthCheckService healthChecks, TagService tags) {
        this.zones = zones;
        this.healthChecks = healthChecks;
        this.tags = tags;
    }

    void register(RoutesConfig routes) {
        routes.post(Route53Api.PREFIX + "/tags/{type}/{id}", this::changeTagsForResource);
        routes.get(Route53Api.PREFIX + "/tags/{type}/{id}", this::listTagsForResource);
        routes.post(Route53Api.PREFIX + "/tags/{type}", this::listTagsForResources);
    }

    /** "hostedzone/Id" or "healthcheck/Id" for a resource that exists, else Route 53's error. */
    private String taggable(String type, String id) throws ApiException, ZoneException {
        if ("healthcheck".equals(type)) {
            Route53Api.control(() -> healthChecks.require(id));
            return "healthcheck/" + id;
        }
        if ("hostedzone".equals(type)) {
            return "hostedzone/" + Route53Api.control(() -> zones.requireZone(id)).id();
        }
        throw new ApiException(new ApiError(400, "Sender", "InvalidInput", "ResourceType must be hostedzone or healthcheck, got " + type));
    }

    private void changeTagsForResource(Context ctx) throws ApiException, ZoneException {
        String type = ctx.pathParam("type");
        String id = ctx.pathParam("id");
        String resource = taggable(type, id);
        RequestXml req = RequestXml.parse(ctx.bodyAsBytes(), "ChangeTagsForResourceRequest");
        Map<String, String> add = new java.util.LinkedHashMap<>();
        RequestXml addTags = req.child("AddTags");
        if (addTags != null) {
            for (RequestXml tag : addTags.children("Tag")) {
                add.put(tag.get("Key") == null ? "" : tag.get("Key"), tag.get("Value") == null ? "" : tag.get("Value"));
            }
        }
        List<String> remove = new java.util.ArrayList<>();
        RequestXml removeKeys = req.child("RemoveTagKeys");
        if (removeKeys != null) {
            for (RequestXml key : removeKeys.children("Key")) {
                remove.add(key.get(""));
            }
        }
        Route53Api.control(() -> {
            tags.change(resource, add, remove);
            return null;
        });
        Route53Api.xml(ctx, 200, Route53Xml.document("ChangeTagsForResourceResponse", w -> { }));
    }

    private void listTagsForResource(Context ctx) throws ApiException, ZoneException {
        String type = ctx.pathParam("type");
        String id = ctx.pathParam("id");
        Map<String, String> set = tags.list(taggable(type, id));
        Route53Api.xml(ctx, 200, Route53Xml.document("ListTagsForResourceResponse", w -> HostedZoneXml.tagSet(w, type, id, set)));
    }

    private void listTagsForResources(Context ctx) throws ApiException, ZoneException {
        String type = ctx.pathParam("type");
        RequestXml req = RequestXml.parse(ctx.bodyAsBytes(), "ListTagsForResourcesRequest");
        RequestXml ids = req.child("ResourceIds");
        List<String> resourceIds = ids == null ? List.of() : ids.children("ResourceId").stream().map(n -> n.get("")).toList();
        if (resourceIds.isEmpty() || resourceIds.size() > 10) {
            throw new ApiException(new ApiError(400, "Sender", "InvalidInput", "ResourceIds takes 1 to 10 IDs"));
        }
        Map<String, Map<String, String>> sets = new java.util.LinkedHashMap<>();
        for (String id : resourceIds) {
            sets.put(id, tags.list(taggable(type, id)));
        }
        Route53Api.xml(ctx, 200, Route53Xml.document("ListTagsForResourcesResponse", w -> {
            w.writeStartElement("ResourceTagSets");
            for (Map.Entry<String, Map<String, String>> e : sets.entrySet()) {
                HostedZoneXml.tagSet(w, type, e.getKey(), e.getValue());
            }
            w.writeEndElement();
        }));
    }
}
