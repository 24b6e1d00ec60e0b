package io.meridian.resolver.pipeline;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one set of query stages answered: counts by RCODE and by query type, and the recent
 * queries themselves ({@link QueryLogRing}). One thread writes (the stage that encodes), others
 * read: single-writer increments with release stores, no locks, no allocation.
 */
public final class QueryCounters {
    /** The recent queries, kept only by counters a {@link QueryMetrics} reads (a ring is some 300 KB). */
    final QueryLogRing log;

    /** @param keepLog whether to keep the recent queries too: the data plane's stages do, one-off ones (TestDNSAnswer) do not */
    QueryCounters(boolean keepLog) {
        log = keepLog ? new QueryLogRing() : null;
    }

    void record(io.meridian.resolver.wire.Query q, int rcode, boolean tcp, String zone) {
        count(rcode, q.questionParsed() ? q.qtype() : -1);
        if (log != null) {
            log.record(q, rcode, tcp, zone);
        }
    }

    /** RCODEs 0..23 (extended ones included); types 0..255, and one bucket for every type above. */
    static final int RCODES = 24;
    static final int TYPES = 257;

    private final AtomicLongArray rcodes = new AtomicLongArray(RCODES);
    private final AtomicLongArray types = new AtomicLongArray(TYPES);

    void count(int rcode, int type) {
        int r = rcode < 0 || rcode >= RCODES ? RCODES - 1 : rcode;
        rcodes.setRelease(r, rcodes.getPlain(r) + 1);
        int t = type < 0 || type > 255 ? TYPES - 1 : type;
        types.setRelease(t, types.getPlain(t) + 1);
    }

    long rcode(int rcode) {
        return rcodes.getAcquire(rcode);
    }

    long type(int type) {
        return types.getAcquire(type);
    }
}
