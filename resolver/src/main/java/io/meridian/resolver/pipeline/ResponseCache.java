package io.meridian.resolver.pipeline;

import io.meridian.resolver.wire.EncodedRRset;
import io.meridian.resolver.wire.Header;
import io.meridian.resolver.wire.Query;
import io.meridian.resolver.zone.Answer;
import io.meridian.resolver.zone.ZoneIndex;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
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
 * <p>Entries sit in one buffer allocated up front, sixteen to a set; keeping one overwrites an entry
 * in place, so neither answering from it nor filling it allocates. A hit costs two memory reads
 * that may miss the CPU cache (the set's tags, then the entry) where a lookup costs several. The
 * tags and entries are direct buffers, outside the Java heap where nothing moves them: the batched
 * receive (udp_batch.c) finds each datagram's entry there as {@link #replay} will and prefetches it,
 * so that a batch's waits for its entries overlap instead of coming one replay after another.
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
    public static final int ENTRY = 256;
    public static final int WAYS = 16;
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
    private static final VarHandle BUFFER_LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Per entry: its key's hash with the low bit set, 0 when empty. Tags and entries live outside
     * the Java heap, where they stay put: the batched receive reads them too, to prefetch the
     * entries its datagrams will be answered from (see {@link #tags()}).
     */
    private final ByteBuffer tags;
    private final ByteBuffer entries;
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
        tags = ByteBuffer.allocateDirect(capacity * 4).order(ByteOrder.nativeOrder());
        entries = ByteBuffer.allocateDirect(capacity * ENTRY).order(ByteOrder.BIG_ENDIAN);
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
    public boolean bypassing() {
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
            for (int i = 0; i < tags.capacity(); i += 4) {
                tags.putInt(i, 0);
            }
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
            if (tags.getInt(e << 2) == tag) {
                int at = e * ENTRY;
                if (u16(at + KEY_LENGTH) == keyLength && keyEquals(at + HEADER, in, keyLength)) {
                    int length = u16(at + RESPONSE_LENGTH);
                    if (length > slot.out.length) {
                        break;
                    }
                    entries.get(at + HEADER + keyLength, slot.out, 0, length);
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
        while (e < set * WAYS + WAYS && tags.getInt(e << 2) != 0) {
            e++;
        }
        if (e == set * WAYS + WAYS) {
            victim ^= victim << 13;
            victim ^= victim >>> 17;
            victim ^= victim << 5;
            e = set * WAYS + (victim & (WAYS - 1));
        }
        int at = e * ENTRY;
        entries.putShort(at + KEY_LENGTH, (short) keyLength);
        entries.putShort(at + RESPONSE_LENGTH, (short) slot.outLength);
        entries.putShort(at + RCODE, (short) a.rcode);
        entries.putShort(at + QTYPE, (short) q.qtype());
        entries.put(at + QNAME_LENGTH, (byte) (q.questionEnd() - 4 - Header.LENGTH));
        entries.put(at + ECS_FAMILY, (byte) q.ecsFamily());
        entries.put(at + ECS_PREFIX, (byte) q.ecsSourcePrefix());
        entries.putShort(at + ECS_OFFSET, (short) (q.ecsFamily() == 0 ? 0 : q.ecsAddressOffset()));
        entries.put(at + HEADER, slot.in, KEY_START, keyLength);
        entries.put(at + HEADER + keyLength, slot.out, 0, slot.outLength);
        tags.putInt(e << 2, lastTag);
        if (zones[e] != a.zone) {
            // Nearly always the same zone: a read spares the reference store its GC write barrier.
            zones[e] = a.zone;
        }
        firstAnswers[e] = QueryCounters.firstAnswer(a);
    }

    int rcode(int entry) {
        return u16(entry * ENTRY + RCODE);
    }

    int qtype(int entry) {
        return u16(entry * ENTRY + QTYPE);
    }

    /** QNAME's length in wire form; QNAME starts right after the header in the query's bytes. */
    int qnameLength(int entry) {
        return entries.get(entry * ENTRY + QNAME_LENGTH) & 0xFF;
    }

    int ecsFamily(int entry) {
        return entries.get(entry * ENTRY + ECS_FAMILY) & 0xFF;
    }

    int ecsSourcePrefix(int entry) {
        return entries.get(entry * ENTRY + ECS_PREFIX) & 0xFF;
    }

    int ecsAddressOffset(int entry) {
        return u16(entry * ENTRY + ECS_OFFSET);
    }

    private int u16(int at) {
        return entries.getShort(at) & 0xFFFF;
    }

    /** Whether the kept key at {@code at} is the query's, {@code in[KEY_START, KEY_START + length)}: eight bytes at a time. */
    private boolean keyEquals(int at, byte[] in, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if ((long) BUFFER_LONG.get(entries, at + i) != (long) LONG.get(in, KEY_START + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (entries.get(at + i) != in[KEY_START + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The tags, four bytes an entry in native order, and the entries, {@link #ENTRY} bytes each:
     * for the batched receive's prefetch, which finds a datagram's entry as {@link #replay} does
     * (same {@link #hash}, same set) and only reads.
     */
    public ByteBuffer tags() {
        return tags;
    }

    public ByteBuffer entries() {
        return entries;
    }

    /** Sets minus one: a tag's set is {@code tag >>> 7 & setMask()}, its entries {@link #WAYS} from {@code set * WAYS}. */
    public int setMask() {
        return setMask;
    }

    String zone(int entry) {
        return zones[entry];
    }

    EncodedRRset firstAnswer(int entry) {
        return firstAnswers[entry];
    }

    /**
     * Eight bytes at a time, each step mixed by a multiply and a shift, the last (partial) eight
     * read where they end, overlapping the word before. udp_batch.c's {@code key_hash} computes the
     * same (BatchedUdpLoopTest checks that its prefetch finds the entries this finds). Not
     * {@code NameHash}: that one goes a byte at a time, right to left, to give every suffix of a name
     * its hash; a key here is a whole query (at least ten bytes), hashed once, on every UDP query.
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
