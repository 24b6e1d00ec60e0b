package io.meridian.dashboard.api.route53;

import io.meridian.resolver.control.RecordSetChange;
import io.meridian.resolver.control.ResourceRecordSet;
import io.meridian.resolver.zone.RoutingPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one Change element of a ChangeResourceRecordSetsRequest (ROUTE53.md §1.2, §1.7) into the
 * control plane's ResourceRecordSet. Only the XML's shape is judged here (numbers, booleans, one
 * routing policy); every rule about the values is the control plane's.
 */
final class ChangeXml {
    private static final Set<String> FIELDS = Set.of("Name", "Type", "SetIdentifier", "Weight", "Region", "GeoLocation",
            "Failover", "MultiValueAnswer", "TTL", "ResourceRecords", "AliasTarget", "HealthCheckId", "CidrRoutingConfig",
            "GeoProximityLocation");
    private static final List<String> POLICIES = List.of("Weight", "Region", "GeoLocation", "Failover", "MultiValueAnswer",
            "CidrRoutingConfig", "GeoProximityLocation");

    private ChangeXml() {
    }

    static RecordSetChange recordSetChange(RequestXml change) throws ApiException {
        String action = change.get("Action");
        RequestXml set = change.child("ResourceRecordSet");
        if (action == null || set == null) {
            throw invalid("Every Change needs an Action and a ResourceRecordSet");
        }
        for (String field : set.childNames()) {
            if (!FIELDS.contains(field)) {
                throw invalid("ResourceRecordSet " + field + " is not supported by this appliance");
            }
        }
        String name = set.get("Name");
        String type = set.get("Type");
        List<String> policies = POLICIES.stream().filter(set::has).toList();
        if (policies.size() > 1) {
            throw invalid("Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer,"
                    + " GeoProximityLocation, or CidrRoutingConfig], but found more than one in Change with [Action=" + action
                    + ", Name=" + name + ", Type=" + type + ", SetIdentifier=" + set.get("SetIdentifier") + "]");
        }
        RoutingPolicy routing = policies.isEmpty() ? null : routing(set, policies.get(0));
        List<String> values = null;
        RequestXml records = set.child("ResourceRecords");
        if (records != null) {
            values = new ArrayList<>();
            for (RequestXml r : records.children("ResourceRecord")) {
                values.add(r.get("Value") == null ? "" : r.get("Value"));
            }
        }
        ResourceRecordSet.Alias alias = null;
        RequestXml target = set.child("AliasTarget");
        if (target != null) {
            alias = new ResourceRecordSet.Alias(target.get("HostedZoneId"), target.get("DNSName"),
                    bool(target.get("EvaluateTargetHealth"), "AliasTarget/EvaluateTargetHealth"));
        }
        Long ttl = set.get("TTL") == null ? null : number(set.get("TTL"), "TTL");
        return new RecordSetChange(action, new ResourceRecordSet(name == null ? "" : name, type == null ? "" : type,
                set.get("SetIdentifier"), ttl, values, routing, alias, set.get("HealthCheckId")));
    }

    private static RoutingPolicy routing(RequestXml set, String field) throws ApiException {
        return switch (field) {
            case "Weight" -> new RoutingPolicy.Weighted(number(set.get("Weight"), "Weight"));
            case "Region" -> new RoutingPolicy.Latency(set.get("Region"));
            case "GeoLocation" -> new RoutingPolicy.Geolocation(set.get("GeoLocation/ContinentCode"),
                    set.get("GeoLocation/CountryCode"), set.get("GeoLocation/SubdivisionCode"));
            case "Failover" -> new RoutingPolicy.Failover(set.get("Failover"));
            case "MultiValueAnswer" -> {
                if (!bool(set.get("MultiValueAnswer"), "MultiValueAnswer")) {
                    throw invalid("MultiValueAnswer false says nothing; leave it out of a record set that is not multivalue");
                }
                yield new RoutingPolicy.MultiValue();
            }
            case "CidrRoutingConfig" -> new RoutingPolicy.IpBased(set.get("CidrRoutingConfig/CollectionId"),
                    set.get("CidrRoutingConfig/LocationName"));
            default -> {
                String bias = set.get("GeoProximityLocation/Bias");
                yield new RoutingPolicy.Geoproximity(set.get("GeoProximityLocation/AWSRegion"),
                        set.get("GeoProximityLocation/LocalZoneGroup"), set.get("GeoProximityLocation/Coordinates/Latitude"),
                        set.get("GeoProximityLocation/Coordinates/Longitude"),
                        // Clamped only to fit an int: the control plane refuses anything outside -99..99.
                        bias == null ? null : (int) Math.max(-1000, Math.min(1000, number(bias, "GeoProximityLocation/Bias"))));
            }
        };
    }

    private static long number(String text, String field) throws ApiException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(field + " must be a whole number, got '" + text + "'");
        }
    }

    private static boolean bool(String text, String field) throws ApiException {
        if ("true".equals(text) || "false".equals(text)) {
            return Boolean.parseBoolean(text);
        }
        throw invalid(field + " must be true or false, got '" + text + "'");
    }

    private static ApiException invalid(String message) {
        return new ApiException(new ApiError(400, "Sender", "InvalidInput", message));
    }
}
