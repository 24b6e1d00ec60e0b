package io.meridian.resolver.pipeline;

import io.meridian.resolver.stats.StageLatency;
import io.meridian.resolver.wire.Query;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one set of query stages answered: counts by RCODE and by query type, and the recent
 * queries themselves ({@link QueryLogRing}). One thread writes (the stage that encodes), others
 * read: single-writer increments with release stores, no locks, no allocation.
 */
public final class QueryCounters {
    /** The recent queries, kept only by counters a {@link QueryMetrics} reads (a ring is some 340 KB). */
    final QueryLogRing log;
    /** Latency per stage, kept only by counters a {@link QueryMetrics} reads, like the log. */
    final StageLatency latency;

    /**
     * @param observed whether to keep the recent queries and latencies too: the data plane's stages
     *                 do, one-off ones (TestDNSAnswer, Explain) do not
     */
    QueryCounters(boolean observed) {
        log = observed ? new QueryLogRing() : null;
        latency = observed ? new StageLatency() : null;
    }

    /**
     * Counts the answered query and, when observed, records how long each stage took and logs it
     * (one in N at high rates, see {@link QueryLogRing#keeps}); called right after encoding.
     */
    void record(QuerySlot slot, int rcode, boolean tcp) {
        Query q = slot.query;
        count(rcode, q.questionParsed() ? q.qtype() : -1);
        if (log == null) {
            return;
        }
        io.meridian.resolver.zone.Answer a = slot.status == Query.OK ? slot.answer : null;
        int policy = a == null ? -1 : a.policy;
        if (policy >= 0) {
            policies.setRelease(policy, policies.getPlain(policy) + 1);
        }
        long end = slot.batched && !slot.timed ? UNREAD : System.nanoTime();
        if (slot.timed) {
            latency.record(StageLatency.QUEUE, slot.decodeStart - slot.receivedNanos);
            latency.record(StageLatency.DECODE, slot.decoded - slot.decodeStart);
            latency.record(StageLatency.EVALUATE, slot.evaluated - slot.decoded);
            latency.record(StageLatency.ENCODE, end - slot.evaluated);
        }
        long at = loggedAt(slot, end);
        if (at != NOT_LOGGED) {
            log.record(q, rcode, tcp, a == null ? null : a.zone, a == null ? null : firstAnswer(a),
                    a == null ? null : a.setIdentifier, policy, at, since(slot, at));
        }
    }

    /** Counts and logs a query answered from a {@link ResponseCache} entry (never a routed one; nothing to time but the total). */
    void recordReplayed(QuerySlot slot, ResponseCache cache, int entry) {
        count(cache.rcode(entry), cache.qtype(entry));
        if (log == null) {
            return;
        }
        long at = loggedAt(slot, slot.batched ? UNREAD : System.nanoTime());
        if (at != NOT_LOGGED) {
            log.recordReplayed(slot, cache, entry, at, since(slot, at));
        }
    }

    /**
     * The batch whose queries {@code slot} answered is about to be sent: records the latency of
     * those answered since the last batch, from the batch's receipt to now, with one clock read.
     */
    void batchSent(QuerySlot slot) {
        if (unsent > 0) {
            latency.record(StageLatency.TOTAL, System.nanoTime() - slot.receivedNanos, unsent);
            unsent = 0;
        }
    }

    /** The clock was not read for this query: its batch is timed as a whole. */
    private static final long UNREAD = Long.MIN_VALUE;
    /** What {@link #loggedAt} returns for a query the log does not keep. */
    private static final long NOT_LOGGED = Long.MIN_VALUE;
    /** Batched queries answered since the last {@link #batchSent}. */
    private int unsent;

    /**
     * Records the total, receive to {@code end} (a batched query's is left to {@link #batchSent};
     * none when the receive time is unknown), and returns when the log keeps the query at, or
     * {@link #NOT_LOGGED}. The log's rate windows go by {@code end}, or for a batched query by its
     * batch's receipt; a batched query the log keeps reads the clock for its own line.
     */
    private long loggedAt(QuerySlot slot, long end) {
        if (slot.batched) {
            unsent++;
        } else if (slot.receivedNanos != 0) {
            latency.record(StageLatency.TOTAL, end - slot.receivedNanos);
        }
        if (!log.keeps(end == UNREAD ? slot.receivedNanos : end)) {
            return NOT_LOGGED;
        }
        return end == UNREAD ? System.nanoTime() : end;
    }

    /** Receive to {@code end}; -1 when the receive time is unknown. */
    private static long since(QuerySlot slot, long end) {
        return slot.receivedNanos == 0 ? -1 : end - slot.receivedNanos;
    }

    static io.meridian.resolver.wire.EncodedRRset firstAnswer(io.meridian.resolver.zone.Answer a) {
        return a.count(io.meridian.resolver.wire.ResponseWriter.ANSWER) == 0 ? null
                : a.set(io.meridian.resolver.wire.ResponseWriter.ANSWER, 0);
    }

    /** RCODEs 0..23 (extended ones included); types 0..255, and one bucket for every type above. */
    static final int RCODES = 24;
    static final int TYPES = 257;

    private final AtomicLongArray rcodes = new AtomicLongArray(RCODES);
    private final AtomicLongArray types = new AtomicLongArray(TYPES);
    /** Routed answers by the policy that chose them (observed counters only). */
    private final AtomicLongArray policies = new AtomicLongArray(io.meridian.resolver.zone.QueryEvaluator.POLICY_COUNT);

    void count(int rcode, int type) {
        int r = rcode < 0 || rcode >= RCODES ? RCODES - 1 : rcode;
        rcodes.setRelease(r, rcodes.getPlain(r) + 1);
        int t = type < 0 || type > 255 ? TYPES - 1 : type;
        types.setRelease(t, types.getPlain(t) + 1);
    }

    long rcode(int rcode) {
        return rcodes.getAcquire(rcode);
    }

    long policy(int policy) {
        return policies.getAcquire(policy);
    }

    long type(int type) {
        return types.getAcquire(type);
    }
}
