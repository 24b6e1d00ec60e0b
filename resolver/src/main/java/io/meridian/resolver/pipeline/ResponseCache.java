package io.meridian.resolver.pipeline;

import io.meridian.resolver.wire.EncodedRRset;
import io.meridian.resolver.wire.Header;
import io.meridian.resolver.wire.Query;
import io.meridian.resolver.zone.Answer;
import io.meridian.resolver.zone.ZoneIndex;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * UDP responses one thread already wrote whose every byte follows from the query's bytes, so that
 * the same query again, from any client with any ID, is answered by copying them: no lookup, no
 * encoding. That holds for answers no routed record set took part in (see {@code Answer.routed}):
 * with the zone fixed, they depend on nothing else. The key is the whole query after its ID, so
 * letter case, flags, the OPT record and its options all tell entries apart, and entries are
 * valid for one {@link ZoneIndex} only: any zone change publishes a new one, which empties the cache.
 *
 * <p>Entries sit in one array allocated up front, sixteen to a set; keeping one overwrites an entry
 * in place, so neither answering from it nor filling it allocates. A hit costs two memory reads
 * that may miss the CPU cache (the set's tags, then the entry) where a lookup costs several.
 * Sixteen ways, not four: a set's sixteen tags are 64 bytes, about one cache line, so the wider
 * set costs no more memory traffic, and fewer sets get more keys than ways (the bench's query file,
 * 26k distinct queries cycled through 32k entries: 95% of lookups hit rather than 88%).
 *
 * <p>A full set gives up a way chosen at random. Traffic that comes round in a cycle (a resolver
 * population re-asking on their TTLs, dnsperf replaying its file) defeats any replacement in order
 * of arrival: a set with one key more than its ways evicts each key just before it is asked again,
 * and never hits. Chosen at random, most of its keys stay (the bench's query file asked four times
 * through the stages: 97.9% of the last two rounds' lookups hit rather than 95.6%).
 */
public final class ResponseCache {
    /** Bytes per entry: header, key, response. A query and response that need more are not kept. */
    static final int ENTRY = 256;
    static final int WAYS = 16;
    // Entry header: key and response lengths, the RCODE, and what the query log needs of the query,
    // which a replayed query is not decoded for: QTYPE, QNAME's length, the ECS option's family,
    // source prefix and where its address starts.
    private static final int KEY_LENGTH = 0;
    private static final int RESPONSE_LENGTH = 2;
    private static final int RCODE = 4;
    private static final int QTYPE = 6;
    private static final int QNAME_LENGTH = 8;
    private static final int ECS_FAMILY = 9;
    private static final int ECS_PREFIX = 10;
    private static final int ECS_OFFSET = 12;
    private static final int HEADER = 16;
    /** The key starts after the query's ID. */
    private static final int KEY_START = Header.FLAGS;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Per entry: its key's hash with the low bit set, 0 when empty. */
    private final int[] tags;
    private final byte[] entries;
    /** Per entry, for the query log: the zone that answered and the first answer RRset (null: none). */
    private final String[] zones;
    private final EncodedRRset[] firstAnswers;
    /** xorshift state choosing which way a full set gives up. */
    private int victim = 0x2545F491;
    private final int setMask;
    private ZoneIndex filledFrom;
    /** The tag of the query last looked up, kept for {@link #keep}. */
    private int lastTag;

    /**
     * Traffic that seldom repeats (random names, client subnets scattered over many resolvers)
     * would make every query pay for a lookup that misses and an entry that is never used: when
     * fewer than one lookup in {@code BYPASS_BELOW} hit over a window, only one query in
     * {@code PROBE_EVERY} uses the cache until the hits come back (measured on those probes).
     */
    static final int WINDOW = 4096;
    static final int BYPASS_BELOW = 4;
    static final int PROBE_EVERY = 16;
    private int windowLookups;
    private int windowHits;
    private boolean bypassing;
    private int sinceProbe;

    /** @param capacity entries, a power of two of at least {@link #WAYS} */
    public ResponseCache(int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < WAYS) {
            throw new IllegalArgumentException("a response cache holds a power of two of at least " + WAYS + " entries, not " + capacity);
        }
        tags = new int[capacity];
        entries = new byte[capacity * ENTRY];
        zones = new String[capacity];
        firstAnswers = new EncodedRRset[capacity];
        setMask = capacity / WAYS - 1;
    }

    /** Whether this query should try the cache: always, unless it is being bypassed (see {@link #WINDOW}). */
    boolean worthTrying() {
        if (!bypassing) {
            return true;
        }
        if (++sinceProbe < PROBE_EVERY) {
            return false;
        }
        sinceProbe = 0;
        return true;
    }

    /** Whether queries are bypassing the cache now. */
    boolean bypassing() {
        return bypassing;
    }

    private void counted(boolean hit) {
        windowHits += hit ? 1 : 0;
        if (++windowLookups == WINDOW) {
            bypassing = windowHits * BYPASS_BELOW < WINDOW;
            windowLookups = 0;
            windowHits = 0;
        }
    }

    /**
     * Looks up the query in {@code slot} against {@code index}: on a hit writes the kept response,
     * with the query's ID, to {@code slot.out} and returns the entry, else returns -1.
     */
    int replay(ZoneIndex index, QuerySlot slot) {
        if (slot.inLength < Header.LENGTH) {
            return -1;
        }
        if (index != filledFrom) {
            Arrays.fill(tags, 0);
            Arrays.fill(zones, null);
            Arrays.fill(firstAnswers, null);
            filledFrom = index;
        }
        byte[] in = slot.in;
        int keyLength = slot.inLength - KEY_START;
        int tag = hash(in, KEY_START, keyLength) | 1;
        lastTag = tag;
        int first = (tag >>> 7 & setMask) * WAYS;
        for (int e = first; e < first + WAYS; e++) {
            if (tags[e] == tag) {
                int at = e * ENTRY;
                if (Header.u16(entries, at + KEY_LENGTH) == keyLength
                        && Arrays.equals(entries, at + HEADER, at + HEADER + keyLength, in, KEY_START, slot.inLength)) {
                    int length = Header.u16(entries, at + RESPONSE_LENGTH);
                    if (length > slot.out.length) {
                        break;
                    }
                    System.arraycopy(entries, at + HEADER + keyLength, slot.out, 0, length);
                    slot.out[0] = in[0];
                    slot.out[1] = in[1];
                    slot.outLength = length;
                    counted(true);
                    return e;
                }
            }
        }
        counted(false);
        return -1;
    }

    /**
     * Keeps the response just written to {@code slot.out} for the query {@link #replay} last missed,
     * decoded in {@code slot.query} and answered with {@code slot.answer} (whose zone and first
     * answer RRset the query log shows for it).
     */
    void keep(QuerySlot slot) {
        Query q = slot.query;
        Answer a = slot.answer;
        int keyLength = slot.inLength - KEY_START;
        if (keyLength < 0 || HEADER + keyLength + slot.outLength > ENTRY || slot.outLength < Header.LENGTH) {
            return;
        }
        int set = lastTag >>> 7 & setMask;
        int e = set * WAYS;
        while (e < set * WAYS + WAYS && tags[e] != 0) {
            e++;
        }
        if (e == set * WAYS + WAYS) {
            victim ^= victim << 13;
            victim ^= victim >>> 17;
            victim ^= victim << 5;
            e = set * WAYS + (victim & (WAYS - 1));
        }
        int at = e * ENTRY;
        Header.putU16(entries, at + KEY_LENGTH, keyLength);
        Header.putU16(entries, at + RESPONSE_LENGTH, slot.outLength);
        Header.putU16(entries, at + RCODE, a.rcode);
        Header.putU16(entries, at + QTYPE, q.qtype());
        entries[at + QNAME_LENGTH] = (byte) (q.questionEnd() - 4 - Header.LENGTH);
        entries[at + ECS_FAMILY] = (byte) q.ecsFamily();
        entries[at + ECS_PREFIX] = (byte) q.ecsSourcePrefix();
        Header.putU16(entries, at + ECS_OFFSET, q.ecsFamily() == 0 ? 0 : q.ecsAddressOffset());
        System.arraycopy(slot.in, KEY_START, entries, at + HEADER, keyLength);
        System.arraycopy(slot.out, 0, entries, at + HEADER + keyLength, slot.outLength);
        tags[e] = lastTag;
        if (zones[e] != a.zone) {
            // Nearly always the same zone: a read spares the reference store its GC write barrier.
            zones[e] = a.zone;
        }
        firstAnswers[e] = QueryCounters.firstAnswer(a);
    }

    int rcode(int entry) {
        return Header.u16(entries, entry * ENTRY + RCODE);
    }

    int qtype(int entry) {
        return Header.u16(entries, entry * ENTRY + QTYPE);
    }

    /** QNAME's length in wire form; QNAME starts right after the header in the query's bytes. */
    int qnameLength(int entry) {
        return entries[entry * ENTRY + QNAME_LENGTH] & 0xFF;
    }

    int ecsFamily(int entry) {
        return entries[entry * ENTRY + ECS_FAMILY] & 0xFF;
    }

    int ecsSourcePrefix(int entry) {
        return entries[entry * ENTRY + ECS_PREFIX] & 0xFF;
    }

    int ecsAddressOffset(int entry) {
        return Header.u16(entries, entry * ENTRY + ECS_OFFSET);
    }

    String zone(int entry) {
        return zones[entry];
    }

    EncodedRRset firstAnswer(int entry) {
        return firstAnswers[entry];
    }

    /**
     * Eight bytes at a time, each step mixed by a multiply and a shift, the last (partial) eight
     * read where they end, overlapping the word before. Not {@code NameHash}: that one goes a byte
     * at a time, right to left, to give every suffix of a name its hash; a key here is a whole
     * query (at least ten bytes), hashed once, on every UDP query.
     */
    static int hash(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int p = off;
        for (int end = off + len - 8; p < end; p += 8) {
            h = mix(h, (long) LONG.get(b, p));
        }
        h = mix(h, (long) LONG.get(b, off + len - 8));
        return (int) (h ^ h >>> 32);
    }

    private static long mix(long h, long word) {
        h = (h ^ word) * 0xFF51AFD7ED558CCDL;
        return h ^ h >>> 29;
    }
}
