package io.meridian.resolver.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meridian.resolver.zone.RoutingPolicy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A change batch in the JSON the aws cli takes ({@code --change-batch file://batch.json}:
 * {"Comment": ..., "Changes": [{"Action": ..., "ResourceRecordSet": {...}}]}), read into the
 * control plane's changes. Only the JSON's shape is judged here; the rules are ChangeBatch's.
 */
public final class ChangeBatchJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeBatchJson() {
    }

    public static List<RecordSetChange> parse(byte[] json) throws ControlException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ControlException("InvalidInput", "the change batch is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ControlException("InvalidInput", "the change batch cannot be read: " + e.getMessage());
        }
        JsonNode changes = root == null ? null : root.has("ChangeBatch") ? root.get("ChangeBatch").get("Changes") : root.get("Changes");
        if (changes == null || !changes.isArray() || changes.isEmpty()) {
            throw new ControlException("InvalidInput", "the change batch needs a non-empty \"Changes\" array");
        }
        List<RecordSetChange> out = new ArrayList<>();
        for (JsonNode c : changes) {
            JsonNode s = c.get("ResourceRecordSet");
            if (s == null || !c.has("Action")) {
                throw new ControlException("InvalidInput", "every change needs an Action and a ResourceRecordSet");
            }
            List<String> values = null;
            if (s.has("ResourceRecords")) {
                values = new ArrayList<>();
                for (JsonNode r : s.get("ResourceRecords")) {
                    values.add(r.path("Value").asText());
                }
            }
            ResourceRecordSet.Alias alias = !s.has("AliasTarget") ? null : new ResourceRecordSet.Alias(
                    text(s.get("AliasTarget"), "HostedZoneId"), text(s.get("AliasTarget"), "DNSName"),
                    s.get("AliasTarget").path("EvaluateTargetHealth").asBoolean(false));
            out.add(new RecordSetChange(c.get("Action").asText(), new ResourceRecordSet(text(s, "Name"), text(s, "Type"),
                    text(s, "SetIdentifier"), s.has("TTL") ? s.get("TTL").asLong() : null, values, routing(s), alias,
                    text(s, "HealthCheckId"))));
        }
        return out;
    }

    private static RoutingPolicy routing(JsonNode s) throws ControlException {
        List<RoutingPolicy> found = new ArrayList<>();
        if (s.has("Weight")) {
            found.add(new RoutingPolicy.Weighted(s.get("Weight").asLong()));
        }
        if (s.has("Region")) {
            found.add(new RoutingPolicy.Latency(s.get("Region").asText()));
        }
        if (s.has("GeoLocation")) {
            JsonNode g = s.get("GeoLocation");
            found.add(new RoutingPolicy.Geolocation(text(g, "ContinentCode"), text(g, "CountryCode"), text(g, "SubdivisionCode")));
        }
        if (s.has("Failover")) {
            found.add(new RoutingPolicy.Failover(s.get("Failover").asText()));
        }
        if (s.has("MultiValueAnswer") && s.get("MultiValueAnswer").asBoolean()) {
            found.add(new RoutingPolicy.MultiValue());
        }
        if (s.has("CidrRoutingConfig")) {
            found.add(new RoutingPolicy.IpBased(text(s.get("CidrRoutingConfig"), "CollectionId"),
                    text(s.get("CidrRoutingConfig"), "LocationName")));
        }
        if (s.has("GeoProximityLocation")) {
            JsonNode g = s.get("GeoProximityLocation");
            JsonNode at = g.get("Coordinates");
            found.add(new RoutingPolicy.Geoproximity(text(g, "AWSRegion"), text(g, "LocalZoneGroup"),
                    at == null ? null : text(at, "Latitude"), at == null ? null : text(at, "Longitude"),
                    g.has("Bias") ? g.get("Bias").asInt() : null));
        }
        if (found.size() > 1) {
            throw new ControlException("InvalidInput", "a record set takes one routing policy, got " + found.size()
                    + " for " + text(s, "Name"));
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
