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
    static final int IP_BASED = 4;
    static final int GEOLOCATION = 5;
    static final int LATENCY = 6;
    static final int GEOPROXIMITY = 7;

    final int type;
    final int kind;
    final Candidate[] candidates;
    final HealthStatus health;
    /** IP-based: client prefix -> candidate; null otherwise. */
    final CidrTable cidr;
    /** The candidate for the default location ("*" CIDR location, "*" country), or -1. */
    final int defaultCandidate;

    PolicyGroup(int type, int kind, Candidate[] candidates, HealthStatus health, CidrTable cidr, int defaultCandidate) {
        this.type = type;
        this.kind = kind;
        this.candidates = candidates;
        this.health = health;
        this.cidr = cidr;
        this.defaultCandidate = defaultCandidate;
    }
}
