package io.meridian.resolver.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The data plane's query counts: the counters of every set of stages summed, and a once-a-second
 * sample of the total kept for an hour, from which queries per second now and over the hour come.
 */
public final class QueryMetrics {
    public static final int HOUR = 3600;
    /** {@link #byRcode} counts RCODEs 0 .. RCODES - 1, {@link #byType} query types 0 .. TYPES - 1. */
    public static final int RCODES = QueryCounters.RCODES;
    public static final int TYPES = QueryCounters.TYPES - 1; // the counters' last bucket holds every type above

    private final List<QueryCounters> counters = new CopyOnWriteArrayList<>();
    private final io.meridian.resolver.stats.LatencyStats latency =
            new io.meridian.resolver.stats.LatencyStats(() -> counters.stream().map(c -> c.latency).toList());
    private final long[] perSecond = new long[HOUR];
    private long lastTotal;
    private int samples;

    /** Counters for a new set of stages, summed into this from now on. */
    public QueryCounters register() {
        QueryCounters c = new QueryCounters(true);
        counters.add(c);
        return c;
    }

    /** How many sets of stages have registered (one per UDP answering thread, one per TCP connection at the peak). */
    public int registered() {
        return counters.size();
    }

    /** The query log rings of every set of stages. */
    List<QueryLogRing> rings() {
        return counters.stream().map(c -> c.log).toList();
    }

    /** Answers sent with this RCODE since start. */
    public long byRcode(int rcode) {
        long n = 0;
        for (QueryCounters c : counters) {
            n += c.rcode(rcode);
        }
        return n;
    }

    /** Queries of this type since start. */
    public long byType(int type) {
        long n = 0;
        for (QueryCounters c : counters) {
            n += c.type(type);
        }
        return n;
    }

    /** Answers a routing policy chose (numbered as {@link io.meridian.resolver.zone.QueryEvaluator#policyName}) since start. */
    public long byPolicy(int policy) {
        long n = 0;
        for (QueryCounters c : counters) {
            n += c.policy(policy);
        }
        return n;
    }

    public long total() {
        long n = 0;
        for (int r = 0; r < QueryCounters.RCODES; r++) {
            n += byRcode(r);
        }
        return n;
    }

    /** Called once a second: records how many queries the last second answered. */
    public synchronized void sample() {
        long total = total();
        perSecond[samples % HOUR] = total - lastTotal;
        lastTotal = total;
        samples++;
        latency.collect();
    }

    /** Latency of the whole path and of each stage, merged across threads (updated by {@link #sample}). */
    public io.meridian.resolver.stats.LatencyStats latency() {
        return latency;
    }

    /** Queries answered in each of the last {@code seconds} seconds, oldest first (fewer right after start). */
    public synchronized long[] lastSeconds(int seconds) {
        int n = Math.min(Math.min(seconds, HOUR), samples);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = perSecond[(samples - n + i) % HOUR];
        }
        return out;
    }
}
