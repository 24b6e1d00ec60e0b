package io.meridian.resolver.pipeline;

import io.meridian.resolver.wire.Query;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The last queries one set of stages answered, for the live query log: a fixed ring of
 * pre-allocated entries the answering thread overwrites (no lock, no allocation). A reader that
 * falls more than a ring behind loses the oldest entries and counts them as dropped: logging
 * never slows answering.
 */
public final class QueryLogRing {
    static final int CAPACITY = 1024;
    private static final int MASK = CAPACITY - 1;

    final long[] time = new long[CAPACITY];
    final byte[][] qname = new byte[CAPACITY][256];
    final int[] qnameLength = new int[CAPACITY];
    final int[] qtype = new int[CAPACITY];
    final int[] rcode = new int[CAPACITY];
    final boolean[] tcp = new boolean[CAPACITY];
    final byte[][] client = new byte[CAPACITY][16];
    final int[] clientLength = new int[CAPACITY];
    final byte[][] subnet = new byte[CAPACITY][16];
    final int[] subnetFamily = new int[CAPACITY];
    final int[] subnetBits = new int[CAPACITY];
    final String[] zone = new String[CAPACITY];
    /** The first RRset of the answer section (null: none), and the routed choice, if any. */
    final io.meridian.resolver.wire.EncodedRRset[] answer = new io.meridian.resolver.wire.EncodedRRset[CAPACITY];
    final String[] setIdentifier = new String[CAPACITY];
    final int[] policy = new int[CAPACITY];
    /** Receive to encoded response, -1 when unknown. */
    final long[] latencyNanos = new long[CAPACITY];
    private final AtomicLong published = new AtomicLong();
    private long next;

    /**
     * Logs an evaluated query.
     *
     * @param zoneName    the zone that answered, or null (REFUSED, or a query that could not be evaluated)
     * @param firstAnswer the first RRset of the answer section, or null
     * @param routedBy    the first routed choice's SetIdentifier and policy (null and -1: none)
     * @param nowNanos    System.nanoTime() as the query was answered
     */
    void record(Query q, int rcodeValue, boolean overTcp, String zoneName,
                io.meridian.resolver.wire.EncodedRRset firstAnswer, String routedBy, int policyValue, long nowNanos, long latency) {
        int i = (int) (next & MASK);
        int n = q.questionParsed() ? q.qname.length() : 0;
        System.arraycopy(q.qname.lower, 0, qname[i], 0, n);
        qnameLength[i] = n;
        qtype[i] = q.questionParsed() ? q.qtype() : -1;
        subnetFamily[i] = q.ecsFamily();
        subnetBits[i] = q.ecsSourcePrefix();
        if (q.ecsFamily() != 0) {
            System.arraycopy(q.ecsAddress(), 0, subnet[i], 0, 16);
        }
        publish(i, q, rcodeValue, overTcp, zoneName, firstAnswer, routedBy, policyValue, nowNanos, latency);
    }

    /** Logs a UDP query answered from {@code entry} of {@code cache}, read from the query's bytes (it was not decoded). */
    void recordReplayed(QuerySlot slot, ResponseCache cache, int entry, long nowNanos, long latency) {
        int i = (int) (next & MASK);
        int n = cache.qnameLength(entry);
        byte[] name = qname[i];
        for (int k = 0; k < n; k++) {
            // Label lengths (at most 63) are never upper-case letters: the name lower-cases byte by byte.
            name[k] = io.meridian.resolver.wire.Name.toLower(slot.in[io.meridian.resolver.wire.Header.LENGTH + k]);
        }
        qnameLength[i] = n;
        qtype[i] = cache.qtype(entry);
        int family = cache.ecsFamily(entry);
        subnetFamily[i] = family;
        subnetBits[i] = cache.ecsSourcePrefix(entry);
        if (family != 0) {
            java.util.Arrays.fill(subnet[i], (byte) 0);
            System.arraycopy(slot.in, cache.ecsAddressOffset(entry), subnet[i], 0, (subnetBits[i] + 7) / 8);
        }
        publish(i, slot.query, cache.rcode(entry), false, cache.zone(entry), cache.firstAnswer(entry), null, -1, nowNanos, latency);
    }

    private void publish(int i, Query q, int rcodeValue, boolean overTcp, String zoneName,
                         io.meridian.resolver.wire.EncodedRRset firstAnswer, String routedBy, int policyValue, long nowNanos, long latency) {
        time[i] = millisAt(nowNanos);
        rcode[i] = rcodeValue;
        tcp[i] = overTcp;
        System.arraycopy(q.sourceAddress(), 0, client[i], 0, q.sourceLength());
        clientLength[i] = q.sourceLength();
        zone[i] = zoneName;
        answer[i] = firstAnswer;
        setIdentifier[i] = routedBy;
        policy[i] = policyValue;
        latencyNanos[i] = latency;
        next++;
        published.setRelease(next);
    }

    /** How long the wall clock is taken as nanoTime's offset before it is read again (NTP may adjust it). */
    private static final long CLOCK_RESYNC_NANOS = 1_000_000_000L;
    private long clockNanos;
    private long clockMillis;
    private boolean clockSet;

    /** The wall-clock time at {@code nanos}, with the wall clock read once a second rather than once a query. */
    private long millisAt(long nanos) {
        if (!clockSet || nanos - clockNanos >= CLOCK_RESYNC_NANOS) {
            clockNanos = nanos;
            clockMillis = System.currentTimeMillis();
            clockSet = true;
        }
        return clockMillis + (nanos - clockNanos) / 1_000_000;
    }

    /**
     * How many entries were ever written: entries [published - CAPACITY + 1, published) can be read
     * (the slot of published - CAPACITY is the one the next query overwrites, maybe right now).
     */
    long published() {
        return published.getAcquire();
    }

    /**
     * Whether entry {@code seq}, read after it was published, may have been rewritten meanwhile:
     * its slot is the one the next query writes, or a later query's already.
     */
    boolean overwritten(long seq) {
        return published() - seq >= CAPACITY;
    }

    static int index(long seq) {
        return (int) (seq & MASK);
    }
}
