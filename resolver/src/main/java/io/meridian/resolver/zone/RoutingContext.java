package io.meridian.resolver.zone;

import java.util.List;

/**
 * What compiling routed record sets needs from outside the zone: the health table (a slot per
 * check Id, read by the query path) and the blocks of CIDR collection locations.
 */
public interface RoutingContext {
    /** The health table slot of a check Id, or -1 when it has none (then it reads healthy). */
    int healthSlot(String checkId);

    HealthStatus health();

    /** The blocks ("192.0.2.0/24", "2001:db8::/48") of a location of a CIDR collection; empty when unknown. */
    List<String> cidrBlocks(String collectionId, String location);

    /** Where clients are, for geolocation, latency and geoproximity; read at query time. */
    default io.meridian.resolver.geo.GeoView geo() {
        return NO_GEO;
    }

    io.meridian.resolver.geo.GeoView NO_GEO = new io.meridian.resolver.geo.GeoView();

    /** No health checks and no CIDR collections: every routed set is healthy, IP-based sets fall back to "*". */
    RoutingContext NONE = new RoutingContext() {
        @Override
        public int healthSlot(String checkId) {
            return -1;
        }

        @Override
        public HealthStatus health() {
            return HealthStatus.ALWAYS_HEALTHY;
        }

        @Override
        public List<String> cidrBlocks(String collectionId, String location) {
            return List.of();
        }
    };
}
