package io.meridian.resolver.zone;

/**
 * Picks the record sets of a {@link PolicyGroup} to answer with (ROUTE53.md §1.4, §1.5): by
 * policy, skipping unhealthy candidates, and when none is healthy treating all as healthy
 * (failover then answers the primary, multivalue up to eight unhealthy ones). One per evaluator
 * thread: its random state and scratch arrays are reused, so selection allocates nothing.
 */
final class PolicySelector {
    /** Route 53's multivalue answers carry at most eight record sets. */
    static final int MAX_MULTIVALUE = 8;

    /** Whether an alias's target counts as healthy (EvaluateTargetHealth): the evaluator knows where it points. */
    interface AliasHealth {
        boolean healthy(Candidate alias, int type, int depth);
    }

    private final int[] pool = new int[256];
    private long random;

    PolicySelector(long seed) {
        random = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    /** xorshift64*: quality enough for weighted choice, no allocation, no shared state; non-negative. */
    private long next() {
        random ^= random >>> 12;
        random ^= random << 25;
        random ^= random >>> 27;
        return (random * 0x2545F4914F6CDD1DL) >>> 1;
    }

    private int nextInt(int bound) {
        return (int) (next() % bound);
    }

    boolean healthy(PolicyGroup g, int i, AliasHealth aliases, int depth) {
        Candidate c = g.candidates[i];
        return g.health.healthy(c.healthSlot) && (c.aliasTarget == null || !c.evaluateTargetHealth
                || aliases.healthy(c, g.type, depth));
    }

    /** True when at least one candidate of the group is healthy: an alias to the group is then healthy. */
    boolean anyHealthy(PolicyGroup g, AliasHealth aliases, int depth) {
        for (int i = 0; i < g.candidates.length; i++) {
            if (healthy(g, i, aliases, depth)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the chosen candidates' indexes to {@code out} and returns how many (0: no answer,
     * NODATA). {@code client} is the address selection may use (4 or 16 bytes, {@code bits}
     * significant; length 0 when unknown).
     */
    int select(PolicyGroup g, byte[] client, int clientLength, int bits, int[] out, AliasHealth aliases, int depth) {
        switch (g.kind) {
            case PolicyGroup.WEIGHTED -> {
                out[0] = weighted(g, aliases, depth);
                return 1;
            }
            case PolicyGroup.FAILOVER -> {
                out[0] = failover(g, aliases, depth);
                return 1;
            }
            case PolicyGroup.MULTIVALUE -> {
                return multivalue(g, out, aliases, depth);
            }
            case PolicyGroup.IP_BASED -> {
                int match = clientLength == 0 ? -1 : g.cidr.match(client, clientLength, bits);
                if (match >= 0 && (healthy(g, match, aliases, depth) || g.defaultCandidate < 0)) {
                    out[0] = match;
                    return 1;
                }
                if (g.defaultCandidate >= 0) {
                    out[0] = g.defaultCandidate;
                    return 1;
                }
                return 0;
            }
            case PolicyGroup.GEOLOCATION -> {
                io.meridian.resolver.geo.GeoDatabase db = g.geo.get();
                int place = clientLength == 0 ? -1 : db.locate(client, clientLength);
                int chosen = geolocation(g, db, place, aliases, depth);
                if (chosen < 0) {
                    return 0;
                }
                out[0] = chosen;
                return 1;
            }
            case PolicyGroup.LATENCY, PolicyGroup.GEOPROXIMITY -> {
                io.meridian.resolver.geo.LatencyTable table = g.geo.latency();
                int measured = g.kind == PolicyGroup.LATENCY && clientLength > 0
                        ? fastest(g, table, table.row(client, clientLength, bits), aliases, depth) : -1;
                if (measured >= 0) {
                    out[0] = measured;
                    return 1;
                }
                io.meridian.resolver.geo.GeoDatabase db = g.geo.get();
                int place = clientLength == 0 ? -1 : db.locate(client, clientLength);
                out[0] = nearest(g, db, place, aliases, depth);
                return 1;
            }
            default -> { // SIMPLE: one alias, or one set with a health check
                for (int i = 0; i < g.candidates.length; i++) {
                    if (healthy(g, i, aliases, depth)) {
                        out[0] = i;
                        return 1;
                    }
                }
                out[0] = 0;
                return 1;
            }
        }
    }

    /**
     * The most specific location that has a healthy record: subdivision (from City data), country,
     * then continent, then the
     * default "*"; with none healthy, the most specific that exists (ROUTE53.md §1.4). A client
     * whose location is unknown gets the default. -1: no record applies (NODATA).
     */
    private int geolocation(PolicyGroup g, io.meridian.resolver.geo.GeoDatabase db, int place, AliasHealth aliases, int depth) {
        int location = place < 0 ? -1 : db.country(place);
        int subdivision = -1;
        if (place >= 0 && db.subdivision(place) != null) {
            for (int k = 0; k < g.subdivisionCandidate.length; k++) {
                if (g.subdivisionCountry[k] == location && g.subdivisionCode[k].equals(db.subdivision(place))) {
                    subdivision = g.subdivisionCandidate[k];
                }
            }
        }
        int country = location < 0 ? -1 : g.byCountry[location];
        int continent = location < 0 ? -1 : g.byContinent[io.meridian.resolver.geo.Places.get().continent(location)];
        int fallback = g.defaultCandidate;
        if (subdivision >= 0 && healthy(g, subdivision, aliases, depth)) {
            return subdivision;
        }
        if (country >= 0 && healthy(g, country, aliases, depth)) {
            return country;
        }
        if (continent >= 0 && healthy(g, continent, aliases, depth)) {
            return continent;
        }
        if (fallback >= 0 && healthy(g, fallback, aliases, depth)) {
            return fallback;
        }
        return subdivision >= 0 ? subdivision : country >= 0 ? country : continent >= 0 ? continent : fallback;
    }

    /**
     * Latency from the measured table: the healthy candidate whose region the client's row has the
     * lowest figure for, else the lowest of all; -1 when the client has no row or no candidate's
     * region was measured (then distance decides).
     */
    private int fastest(PolicyGroup g, io.meridian.resolver.geo.LatencyTable table, int row, AliasHealth aliases, int depth) {
        if (row < 0) {
            return -1;
        }
        int best = -1;
        int bestAny = -1;
        double bestMs = Double.MAX_VALUE;
        double bestAnyMs = Double.MAX_VALUE;
        for (int i = 0; i < g.candidates.length; i++) {
            double ms = table.milliseconds(row, g.region[i]);
            if (Double.isNaN(ms)) {
                continue;
            }
            if (ms < bestAnyMs) {
                bestAny = i;
                bestAnyMs = ms;
            }
            if (ms < bestMs && healthy(g, i, aliases, depth)) {
                best = i;
                bestMs = ms;
            }
        }
        return best >= 0 ? best : bestAny;
    }

    /**
     * Latency (distance to the region, the estimate used where no measured latency applies) and
     * geoproximity (distance with the bias of ROUTE53.md §1.4): the nearest healthy candidate,
     * or the nearest of all when none is healthy. Unknown client location: the first healthy.
     */
    private int nearest(PolicyGroup g, io.meridian.resolver.geo.GeoDatabase db, int place, AliasHealth aliases, int depth) {
        int n = g.candidates.length;
        int location = place < 0 ? -1 : db.country(place);
        boolean own = place >= 0 && db.hasCoordinates(place);
        int best = -1;
        int bestAny = -1;
        double bestDistance = Double.MAX_VALUE;
        double bestAnyDistance = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double d = location < 0 ? Double.MAX_VALUE / 2 : own ? g.biased(i, db.latitude(place), db.longitude(place))
                    : g.distance[location * n + i];
            if (d < bestAnyDistance) {
                bestAny = i;
                bestAnyDistance = d;
            }
            if (d < bestDistance && healthy(g, i, aliases, depth)) {
                best = i;
                bestDistance = d;
            }
        }
        return best >= 0 ? best : Math.max(0, bestAny);
    }

    /**
     * Weight / sum of weights among healthy candidates with a weight; zero-weight ones only when no
     * weighted one is healthy; with none healthy, all count, and all-zero groups choose evenly.
     */
    private int weighted(PolicyGroup g, AliasHealth aliases, int depth) {
        Candidate[] c = g.candidates;
        long sum = 0;
        int zeros = 0;
        for (int i = 0; i < c.length; i++) {
            if (healthy(g, i, aliases, depth)) {
                if (c[i].weight > 0) {
                    sum += c[i].weight;
                } else if (zeros < pool.length) {
                    pool[zeros++] = i;
                }
            }
        }
        if (sum > 0) {
            return byWeight(g, sum, aliases, depth, true);
        }
        if (zeros > 0) {
            return pool[nextInt(zeros)];
        }
        long all = 0;
        for (Candidate x : c) {
            all += x.weight;
        }
        return all > 0 ? byWeight(g, all, aliases, depth, false) : nextInt(c.length);
    }

    private int byWeight(PolicyGroup g, long sum, AliasHealth aliases, int depth, boolean healthyOnly) {
        Candidate[] c = g.candidates;
        long point = next() % sum;
        int last = 0;
        for (int i = 0; i < c.length; i++) {
            if (c[i].weight > 0 && (!healthyOnly || healthy(g, i, aliases, depth))) {
                last = i;
                point -= c[i].weight;
                if (point < 0) {
                    return i;
                }
            }
        }
        return last;
    }

    /** Primary if healthy, else a healthy secondary, else the primary (ROUTE53.md §1.4). */
    private int failover(PolicyGroup g, AliasHealth aliases, int depth) {
        int primary = -1;
        int secondary = -1;
        for (int i = 0; i < g.candidates.length; i++) {
            if (g.candidates[i].secondary) {
                secondary = i;
            } else {
                primary = i;
            }
        }
        if (primary >= 0 && healthy(g, primary, aliases, depth)) {
            return primary;
        }
        if (secondary >= 0 && healthy(g, secondary, aliases, depth)) {
            return secondary;
        }
        return primary >= 0 ? primary : secondary;
    }

    /** Up to eight healthy sets in random order; none healthy: up to eight of all of them. */
    private int multivalue(PolicyGroup g, int[] out, AliasHealth aliases, int depth) {
        int n = 0;
        for (int i = 0; i < g.candidates.length && n < pool.length; i++) {
            if (healthy(g, i, aliases, depth)) {
                pool[n++] = i;
            }
        }
        if (n == 0) {
            for (int i = 0; i < g.candidates.length && n < pool.length; i++) {
                pool[n++] = i;
            }
        }
        int k = Math.min(MAX_MULTIVALUE, n);
        for (int i = 0; i < k; i++) {
            int j = i + nextInt(n - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
            out[i] = pool[i];
        }
        return k;
    }
}
