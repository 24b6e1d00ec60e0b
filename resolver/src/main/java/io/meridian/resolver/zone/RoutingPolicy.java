package io.meridian.resolver.zone;

/**
 * The routing policy of a Route 53 record set that has a SetIdentifier (ROUTE53.md §1.2, §1.4).
 * Field values are kept as the API spelled them (e.g. coordinates with their two decimals), so a
 * record set reads back exactly as it was written; the routing engine parses them when compiling.
 */
public sealed interface RoutingPolicy {
    /** The policy's name in Route 53's messages ("weighted", "failover", ...). */
    String word();

    record Weighted(long weight) implements RoutingPolicy {
        public String word() {
            return "weighted";
        }
    }

    record Latency(String region) implements RoutingPolicy {
        public String word() {
            return "latency";
        }
    }

    /** Continent, or country with an optional subdivision; country "*" is the default location. Absent parts are null. */
    record Geolocation(String continentCode, String countryCode, String subdivisionCode) implements RoutingPolicy {
        public String word() {
            return "geolocation";
        }

        /** One string per location, for "no two records for the same location". */
        public String location() {
            return continentCode != null ? "continent " + continentCode
                    : "country " + countryCode + (subdivisionCode == null ? "" : " subdivision " + subdivisionCode);
        }
    }

    /** PRIMARY or SECONDARY. */
    record Failover(String role) implements RoutingPolicy {
        public String word() {
            return "failover";
        }
    }

    record MultiValue() implements RoutingPolicy {
        public String word() {
            return "multivalue answer";
        }
    }

    /** IP-based routing: a location of a CIDR collection, "*" for the default. */
    record IpBased(String collectionId, String locationName) implements RoutingPolicy {
        public String word() {
            return "IP-based";
        }
    }

    /** Exactly one of awsRegion, localZoneGroup or coordinates (latitude and longitude); bias may be null. */
    record Geoproximity(String awsRegion, String localZoneGroup, String latitude, String longitude, Integer bias)
            implements RoutingPolicy {
        public String word() {
            return "geoproximity";
        }
    }
}
