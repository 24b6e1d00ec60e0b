package io.meridian.resolver.querylog;

import io.meridian.resolver.wire.Name;
import io.meridian.resolver.wire.NameHash;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most queried names and zones over the last five minutes, counted from the query log: each
 * line counts for the queries it stands for (one in N is logged at high rates), and lines the log
 * dropped under overload are not counted, so the figures are estimates then. Minute
 * buckets, each of a fixed size so a flood of random names cannot grow it.
 * Names are counted in the wire form the log holds and turned into text only when asked for: the
 * counting runs on a core that answers queries too, and allocates nothing for a name seen before.
 */
public final class TopNames {
    static final int MINUTES = 5;
    /** Names counted per minute (a power of two), in buckets of {@code BUCKET}: see NameCounts. */
    static final int SLOTS = 16_384;
    static final int BUCKET = 8;
    /** Zones counted per minute (there are seldom more than a few hundred). */
    static final int MAX_ZONES = 10_000;
    static final String OTHER = "(other names)";
    private static final String NO_ZONE = "(no zone)";

    public record Count(String key, long queries) {
    }

    private final NameCounts[] names = new NameCounts[MINUTES];
    private final ZoneCounts[] zones = new ZoneCounts[MINUTES];
    private long currentMinute = -1;

    public TopNames() {
        for (int i = 0; i < MINUTES; i++) {
            names[i] = new NameCounts();
            zones[i] = new ZoneCounts();
        }
    }

    /**
     * Counts {@code weight} queries at {@code timeMillis} for one logged query: its name as lower-case
     * wire bytes {@code qname[0, length)} (copied only if new), {@code zone} null when no zone answered.
     */
    public synchronized void count(long timeMillis, byte[] qname, int length, String zone, int weight) {
        long minute = timeMillis / 60_000;
        if (minute > currentMinute) {
            advance(timeMillis);
        } else if (minute <= currentMinute - MINUTES) {
            return;
        }
        names[(int) (minute % MINUTES)].add(qname, length, weight);
        zones[(int) (minute % MINUTES)].add(zone == null ? NO_ZONE : zone, weight);
    }

    /**
     * Moves the five minutes on to the one of {@code nowMillis}, emptying the minutes it leaves.
     * The pump calls it before each batch, so that {@link #count} seldom has to: compiled, counting
     * then takes the same steps for every line.
     */
    public synchronized void advance(long nowMillis) {
        long minute = nowMillis / 60_000;
        for (long m = Math.max(currentMinute + 1, minute - MINUTES + 1); m <= minute; m++) {
            names[(int) (m % MINUTES)].clear();
            zones[(int) (m % MINUTES)].clear();
        }
        currentMinute = Math.max(currentMinute, minute);
    }

    public synchronized List<Count> topNames(int n) {
        Map<String, Long> sum = new HashMap<>();
        for (NameCounts b : names) {
            b.addTo(sum);
        }
        return top(sum, n);
    }

    public synchronized List<Count> topZones(int n) {
        Map<String, Long> sum = new HashMap<>();
        for (ZoneCounts b : zones) {
            b.addTo(sum);
        }
        return top(sum, n);
    }

    private static List<Count> top(Map<String, Long> sum, int n) {
        return sum.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Count::queries).reversed().thenComparing(Count::key)).limit(n).toList();
    }

    /**
     * One minute's names in a table of fixed size, allocated once: a name hashes to a bucket of
     * {@link #BUCKET} slots, and a name not there takes the bucket's slot with the fewest queries,
     * whose count moves to {@link #OTHER} (should that name come again, it starts over). So a name
     * asked often holds its slot against a flood of names asked once, even when it first comes after
     * the flood (a table that stopped taking names once full would lump it in with the flood), and
     * the counts still add up to the traffic. Always full, the table takes every name the same way
     * from the first one: the pump's compiled code meets no path it has not seen before at the
     * moment a flood fills it. Each slot's hash is kept beside it, so a probe reads a key's bytes (an
     * object of its own, seldom in the cache when the pump runs) only when the hashes match.
     */
    private static final class NameCounts {
        private final byte[][] keys = new byte[SLOTS][];
        /** Per slot: its name's hash with the low bit set, 0 when empty. */
        private final int[] tags = new int[SLOTS];
        private final long[] counts = new long[SLOTS];
        private long other;

        void add(byte[] wire, int length, int weight) {
            int tag = NameHash.of(wire, 0, length) | 1;
            int first = (tag >>> 1 & (SLOTS / BUCKET - 1)) * BUCKET;
            int fewest = first;
            for (int s = first; s < first + BUCKET; s++) {
                if (tags[s] == tag && Arrays.equals(keys[s], 0, keys[s].length, wire, 0, length)) {
                    counts[s] += weight;
                    return;
                }
                if (counts[s] < counts[fewest]) {
                    fewest = s;
                }
            }
            other += counts[fewest];
            keys[fewest] = Arrays.copyOf(wire, length);
            tags[fewest] = tag;
            counts[fewest] = weight;
        }

        void clear() {
            Arrays.fill(keys, null);
            Arrays.fill(tags, 0);
            Arrays.fill(counts, 0);
            other = 0;
        }

        void addTo(Map<String, Long> sum) {
            for (int i = 0; i < SLOTS; i++) {
                if (keys[i] != null) {
                    sum.merge(Name.text(keys[i], keys[i].length), counts[i], Long::sum);
                }
            }
            if (other > 0) {
                sum.merge(OTHER, other, Long::sum);
            }
        }
    }

    /** One minute's zones: few keys, and each the very String the serving zone holds. */
    private static final class ZoneCounts {
        private final Map<String, long[]> counts = new HashMap<>();
        private long other;

        void add(String zone, int weight) {
            long[] c = counts.get(zone);
            if (c != null) {
                c[0] += weight;
            } else if (counts.size() >= MAX_ZONES) {
                other += weight;
            } else {
                counts.put(zone, new long[]{weight});
            }
        }

        void clear() {
            counts.clear();
            other = 0;
        }

        void addTo(Map<String, Long> sum) {
            counts.forEach((zone, c) -> sum.merge(zone, c[0], Long::sum));
            if (other > 0) {
                sum.merge(OTHER, other, Long::sum);
            }
        }
    }
}
