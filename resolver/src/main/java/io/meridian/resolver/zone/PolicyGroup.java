package io.meridian.resolver.zone;

/**
 * The record sets of one name and type that share a routing policy (or a single alias), compiled
 * for the query path: candidates in a fixed order, the health table they read, and for IP-based
 * routing the CIDR table. Selection is {@link PolicySelector}'s.
 */
final class PolicyGroup {
    static final int SIMPLE = 0;
    static final int WEIGHTED = 1;
    static final int FAILOVER = 2;
    static final int MULTIVALUE = 3;
    /** This kind and the ones after it decide by where the client is (ECS scope follows). */
    static final int IP_BASED = 4;
    static final int GEOLOCATION = 5;
    static final int LATENCY = 6;
    static final int GEOPROXIMITY = 7;

    final int type;
    final int kind;
    final Candidate[] candidates;
    final HealthStatus health;
    /** IP-based: client prefix -> candidate; null otherwise. */
    final io.meridian.resolver.geo.PrefixTable cidr;
    /** The candidate for the default location ("*" CIDR location, "*" country), or -1. */
    final int defaultCandidate;
    /** Where clients are (geolocation, latency, geoproximity). */
    final io.meridian.resolver.geo.GeoView geo;
    /** Geolocation: candidate per country location and per continent, -1 where none. */
    final int[] byCountry;
    final int[] byContinent;
    /** Latency and geoproximity: each candidate's coordinates (NaN when unknown) and bias. */
    final double[] latitude;
    final double[] longitude;
    final int[] bias;
    /** Latency: each candidate's region index (see Places.regions()), -1 when unknown. */
    final int[] region;
    /**
     * Latency and geoproximity: distance in km from each location to each candidate, bias applied,
     * at [location * candidates + candidate]; worked out once here because client locations are
     * the fixed places table, so a query does no trigonometry (4 bytes x 252 places per candidate).
     * Null for other policies.
     */
    final float[] distance;

    PolicyGroup(int type, int kind, Candidate[] candidates, HealthStatus health, io.meridian.resolver.geo.PrefixTable cidr, int defaultCandidate,
                io.meridian.resolver.geo.GeoView geo, int[] byCountry, int[] byContinent, double[] latitude, double[] longitude,
                int[] bias, int[] region) {
        this.type = type;
        this.kind = kind;
        this.candidates = candidates;
        this.health = health;
        this.cidr = cidr;
        this.defaultCandidate = defaultCandidate;
        this.geo = geo;
        this.byCountry = byCountry;
        this.byContinent = byContinent;
        this.latitude = latitude;
        this.longitude = longitude;
        this.bias = bias;
        this.region = region;
        this.distance = kind == LATENCY || kind == GEOPROXIMITY ? distances() : null;
    }

    private float[] distances() {
        io.meridian.resolver.geo.Places places = io.meridian.resolver.geo.Places.get();
        int n = candidates.length;
        float[] d = new float[places.size() * n];
        for (int location = 0; location < places.size(); location++) {
            for (int i = 0; i < n; i++) {
                double km = Double.isNaN(latitude[i]) ? Float.MAX_VALUE / 2
                        : io.meridian.resolver.geo.Places.distanceKm(places.latitude(location), places.longitude(location),
                        latitude[i], longitude[i]);
                // ROUTE53.md §1.4: a positive bias shrinks the distance, a negative one stretches it.
                d[location * n + i] = (float) (bias[i] > 0 ? km * (1 - bias[i] / 100.0) : bias[i] < 0 ? km / (1 + bias[i] / 100.0) : km);
            }
        }
        return d;
    }
}
