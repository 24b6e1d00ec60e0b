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
    /** Geolocation records for a subdivision: country (Places index), subdivision code, candidate. */
    final int[] subdivisionCountry;
    final String[] subdivisionCode;
    final int[] subdivisionCandidate;
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
                io.meridian.resolver.geo.GeoView geo, int[] byCountry, int[] byContinent, int[] subdivisionCountry,
                String[] subdivisionCode, int[] subdivisionCandidate, double[] latitude, double[] longitude, int[] bias, int[] region) {
        this.type = type;
        this.kind = kind;
        this.candidates = candidates;
        this.health = health;
        this.cidr = cidr;
        this.defaultCandidate = defaultCandidate;
        this.geo = geo;
        this.byCountry = byCountry;
        this.byContinent = byContinent;
        this.subdivisionCountry = subdivisionCountry;
        this.subdivisionCode = subdivisionCode;
        this.subdivisionCandidate = subdivisionCandidate;
        this.latitude = latitude;
        this.longitude = longitude;
        this.bias = bias;
        this.region = region;
        this.distance = kind == LATENCY || kind == GEOPROXIMITY ? distances() : null;
    }

    /** Distance from a point to candidate {@code i}, bias applied (ROUTE53.md §1.4: positive shrinks, negative stretches). */
    double biased(int i, double lat, double lon) {
        if (Double.isNaN(latitude[i])) {
            return Float.MAX_VALUE / 2;
        }
        double km = io.meridian.resolver.geo.Places.distanceKm(lat, lon, latitude[i], longitude[i]);
        return bias[i] > 0 ? km * (1 - bias[i] / 100.0) : bias[i] < 0 ? km / (1 + bias[i] / 100.0) : km;
    }

    private float[] distances() {
        io.meridian.resolver.geo.Places places = io.meridian.resolver.geo.Places.get();
        int n = candidates.length;
        float[] d = new float[places.size() * n];
        for (int location = 0; location < places.size(); location++) {
            for (int i = 0; i < n; i++) {
                d[location * n + i] = (float) biased(i, places.latitude(location), places.longitude(location));
            }
        }
        return d;
    }
}
