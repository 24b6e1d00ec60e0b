package io.meridian.resolver.pipeline;

import io.meridian.resolver.wire.EncodedRRset;
import io.meridian.resolver.wire.Header;
import io.meridian.resolver.wire.Name;
import io.meridian.resolver.wire.Query;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last queries one set of stages answered, for the live query log: a fixed ring of
 * pre-allocated entries the answering thread overwrites (no lock, no allocation). A reader that
 * falls more than a ring behind loses the oldest entries and counts them as dropped: logging
 * never slows answering.
 *
 * <p>An entry's fields and name lie together in one record of one array, so that logging a query
 * writes a few neighbouring cache lines rather than one in each of a dozen arrays and objects;
 * only the references (zone, answer, routed choice) are kept beside it.
 *
 * <p>At high rates one query in N is logged ({@link #keeps}), N set from the last 50 ms so that the
 * ring takes about half of what a reader four times a second can read: at 50k queries a second
 * the ring took 50k records a second and the pump read the newest 4k of them, so writing the
 * rest only cost the answering thread (0.15-0.3 us of some 6.3 us a query, perf/README). A record says how
 * many queries it stands for ({@link #weight}), so counts built from the log still add up to
 * the traffic, and the sample is spread over the period instead of being its last quarter second.
 */
public final class QueryLogRing {
    static final int CAPACITY = 1024;
    private static final int MASK = CAPACITY - 1;

    private static final int TIME = 0;
    private static final int LATENCY = 8;
    private static final int QTYPE = 16;
    private static final int RCODE = 20;
    private static final int POLICY = 24;
    private static final int TCP = 28;
    private static final int CLIENT_LENGTH = 29;
    private static final int SUBNET_FAMILY = 30;
    private static final int SUBNET_BITS = 31;
    private static final int QNAME_LENGTH = 32;
    private static final int CLIENT = 34;
    private static final int SUBNET = 50;
    private static final int WEIGHT = 66;
    private static final int QNAME = 70;
    /** A multiple of 8, so that every record's time and latency are aligned longs. */
    static final int RECORD = (QNAME + Name.MAX_LENGTH + 7) & ~7;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] records = new byte[CAPACITY * RECORD];
    private final String[] zone = new String[CAPACITY];
    /** The first RRset of the answer section (null: none), and the routed choice, if any. */
    private final EncodedRRset[] answer = new EncodedRRset[CAPACITY];
    private final String[] setIdentifier = new String[CAPACITY];
    private final AtomicLong published = new AtomicLong();
    private long next;

    /** How long one rate measurement lasts, and how many records it may take: half a ring per 250 ms. */
    static final long WINDOW_NANOS = 50_000_000L;
    static final int WINDOW_RECORDS = CAPACITY / 10;
    private long windowStart = Long.MIN_VALUE;
    private int windowQueries;
    /** Log one query in {@code stride}: set from the last window's queries, raised within a window that outruns it. */
    private int stride = 1;
    /** Queries since the last record, the one about to be logged included: the next record's weight. */
    private int unlogged;

    /**
     * Whether the query answered at {@code nowNanos} is to be logged: called once for every query,
     * before {@link #record} or {@link #recordReplayed}, which are called only when it returns true.
     * A batched query passes its batch's receive time (it reads no clock of its own): the windows
     * are 50 ms, a batch a few microseconds.
     */
    boolean keeps(long nowNanos) {
        if (nowNanos - windowStart >= WINDOW_NANOS || windowStart == Long.MIN_VALUE) {
            stride = Math.max(1, (windowQueries + WINDOW_RECORDS - 1) / WINDOW_RECORDS);
            windowStart = nowNanos;
            windowQueries = 0;
        }
        // A burst need not wait for the next window: the stride follows this window's count as it
        // passes what the stride allows, so a window logs some B*ln(queries/B) records, not all.
        if (++windowQueries > stride * WINDOW_RECORDS) {
            stride++;
        }
        return ++unlogged >= stride;
    }

    /**
     * Logs an evaluated query.
     *
     * @param zoneName    the zone that answered, or null (REFUSED, or a query that could not be evaluated)
     * @param firstAnswer the first RRset of the answer section, or null
     * @param routedBy    the first routed choice's SetIdentifier and policy (null and -1: none)
     * @param nowNanos    System.nanoTime() as the query was answered
     */
    void record(Query q, int rcodeValue, boolean overTcp, String zoneName,
                EncodedRRset firstAnswer, String routedBy, int policyValue, long nowNanos, long latency) {
        int i = (int) (next & MASK);
        int n = q.questionParsed() ? q.qname.length() : 0;
        question(i, q.qname.lower, 0, n, q.questionParsed() ? q.qtype() : -1, q.ecsFamily(), q.ecsSourcePrefix(), q.ecsAddress(), 0);
        publish(i, q, rcodeValue, overTcp, zoneName, firstAnswer, routedBy, policyValue, nowNanos, latency);
    }

    /** Logs a UDP query answered from {@code entry} of {@code cache}, read from the query's bytes (it was not decoded). */
    void recordReplayed(QuerySlot slot, ResponseCache cache, int entry, long nowNanos, long latency) {
        int i = (int) (next & MASK);
        // The name as the client wrote it: the reader lower-cases the few entries it reads (see qname).
        question(i, slot.in, Header.LENGTH, cache.qnameLength(entry), cache.qtype(entry),
                cache.ecsFamily(entry), cache.ecsSourcePrefix(entry), slot.in, cache.ecsAddressOffset(entry));
        publish(i, slot.query, cache.rcode(entry), false, cache.zone(entry), cache.firstAnswer(entry), null, -1, nowNanos, latency);
    }

    /**
     * Writes record {@code i}'s question: {@code n} name bytes from {@code name} at {@code nameAt},
     * the type, and the ECS option's family, source prefix and address (the prefix's bytes from
     * {@code subnet} at {@code subnetAt}, zero-padded; nothing when the family is 0).
     */
    private void question(int i, byte[] name, int nameAt, int n, int qtype, int family, int bits, byte[] subnet, int subnetAt) {
        int at = i * RECORD;
        System.arraycopy(name, nameAt, records, at + QNAME, n);
        Header.putU16(records, at + QNAME_LENGTH, n);
        INT.set(records, at + QTYPE, qtype);
        records[at + SUBNET_FAMILY] = (byte) family;
        records[at + SUBNET_BITS] = (byte) bits;
        if (family != 0) {
            Arrays.fill(records, at + SUBNET, at + SUBNET + 16, (byte) 0);
            System.arraycopy(subnet, subnetAt, records, at + SUBNET, (bits + 7) / 8);
        }
    }

    private void publish(int i, Query q, int rcodeValue, boolean overTcp, String zoneName,
                         EncodedRRset firstAnswer, String routedBy, int policyValue, long nowNanos, long latency) {
        int at = i * RECORD;
        LONG.set(records, at + TIME, millisAt(nowNanos));
        LONG.set(records, at + LATENCY, latency);
        INT.set(records, at + RCODE, rcodeValue);
        INT.set(records, at + POLICY, policyValue);
        records[at + TCP] = (byte) (overTcp ? 1 : 0);
        int clientLength = q.sourceLength();
        System.arraycopy(q.sourceAddress(), 0, records, at + CLIENT, clientLength);
        records[at + CLIENT_LENGTH] = (byte) clientLength;
        // Mostly what the slot held a ring ago (one zone, no routed choice): a read spares the
        // reference store its GC write barrier.
        if (zone[i] != zoneName) {
            zone[i] = zoneName;
        }
        if (setIdentifier[i] != routedBy) {
            setIdentifier[i] = routedBy;
        }
        answer[i] = firstAnswer;
        INT.set(records, at + WEIGHT, Math.max(1, unlogged));
        unlogged = 0;
        next++;
        published.setRelease(next);
    }

    long time(int i) {
        return (long) LONG.get(records, i * RECORD + TIME);
    }

    /** Receive to encoded response, -1 when unknown. */
    long latencyNanos(int i) {
        return (long) LONG.get(records, i * RECORD + LATENCY);
    }

    /** How many queries this record stands for: itself and those answered since the last record and not logged. */
    int weight(int i) {
        return (int) INT.get(records, i * RECORD + WEIGHT);
    }

    /** -1: the question could not be read. */
    int qtype(int i) {
        return (int) INT.get(records, i * RECORD + QTYPE);
    }

    int rcode(int i) {
        return (int) INT.get(records, i * RECORD + RCODE);
    }

    /** The routed choice's policy, -1: none. */
    int policy(int i) {
        return (int) INT.get(records, i * RECORD + POLICY);
    }

    boolean tcp(int i) {
        return records[i * RECORD + TCP] != 0;
    }

    /**
     * Copies the QNAME in lower-case wire form into {@code to} and returns its length. A replayed
     * query's name is logged as the client wrote it, and lower-cased here: at tens of thousands of
     * queries a second the reader sees a sample, so the answering thread spares the rest the work.
     */
    int qname(int i, byte[] to) {
        int at = i * RECORD;
        int n = Header.u16(records, at + QNAME_LENGTH);
        for (int k = 0; k < n; k++) {
            // Label lengths (at most 63) are never upper-case letters: the name lower-cases byte by byte.
            to[k] = Name.toLower(records[at + QNAME + k]);
        }
        return n;
    }

    /** The client's address bytes (4 or 16; none when unknown). */
    byte[] client(int i) {
        int at = i * RECORD;
        return Arrays.copyOfRange(records, at + CLIENT, at + CLIENT + records[at + CLIENT_LENGTH]);
    }

    /** The ECS option's family (1 IPv4, 2 IPv6; 0: none). */
    int subnetFamily(int i) {
        return records[i * RECORD + SUBNET_FAMILY];
    }

    int subnetBits(int i) {
        return records[i * RECORD + SUBNET_BITS] & 0xFF;
    }

    /** The ECS address, 4 or 16 bytes by its family. */
    byte[] subnet(int i) {
        int at = i * RECORD + SUBNET;
        return Arrays.copyOfRange(records, at, at + (subnetFamily(i) == 1 ? 4 : 16));
    }

    String zone(int i) {
        return zone[i];
    }

    EncodedRRset answer(int i) {
        return answer[i];
    }

    String setIdentifier(int i) {
        return setIdentifier[i];
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
