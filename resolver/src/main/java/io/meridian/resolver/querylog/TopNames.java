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
 * buckets, each capped in distinct keys so a flood of random names cannot grow it without bound.
 * Names are counted in the wire form the log holds and turned into text only when asked for: the
 * counting runs on a core that answers queries too, and allocates nothing for a name seen before.
 */
public final class TopNames {
    static final int MINUTES = 5;
    static final int MAX_KEYS = 10_000;
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
            for (long m = Math.max(currentMinute + 1, minute - MINUTES + 1); m <= minute; m++) {
                names[(int) (m % MINUTES)].clear();
                zones[(int) (m % MINUTES)].clear();
            }
            currentMinute = minute;
        } else if (minute <= currentMinute - MINUTES) {
            return;
        }
        names[(int) (minute % MINUTES)].add(qname, length, weight);
        zones[(int) (minute % MINUTES)].add(zone == null ? NO_ZONE : zone, weight);
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
     * One minute's names: an open-addressing table over wire bytes, grown up to {@link #MAX_KEYS}
     * keys. Each key's hash is kept beside it, so a probe reads a key's bytes (an object of its own,
     * seldom in the cache when the pump runs) only when the hashes match: a name not in a full
     * table costs no key reads at all.
     */
    private static final class NameCounts {
        private byte[][] keys = new byte[256][];
        private int[] hashes = new int[256];
        private long[] counts = new long[256];
        private int size;
        private long other;

        void add(byte[] wire, int length, int weight) {
            int hash = NameHash.of(wire, 0, length);
            int slot = find(hash, wire, length);
            if (keys[slot] != null) {
                counts[slot] += weight;
            } else if (size >= MAX_KEYS) {
                other += weight;
            } else {
                keys[slot] = Arrays.copyOf(wire, length);
                hashes[slot] = hash;
                counts[slot] = weight;
                if (++size * 2 > keys.length) {
                    grow();
                }
            }
        }

        /** The slot holding this name, or the empty slot where it belongs. */
        private int find(int hash, byte[] wire, int length) {
            int mask = keys.length - 1;
            int slot = hash & mask;
            while (keys[slot] != null
                    && (hashes[slot] != hash || !Arrays.equals(keys[slot], 0, keys[slot].length, wire, 0, length))) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void grow() {
            byte[][] oldKeys = keys;
            int[] oldHashes = hashes;
            long[] oldCounts = counts;
            keys = new byte[oldKeys.length * 2][];
            hashes = new int[oldKeys.length * 2];
            counts = new long[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    int slot = find(oldHashes[i], oldKeys[i], oldKeys[i].length);
                    keys[slot] = oldKeys[i];
                    hashes[slot] = oldHashes[i];
                    counts[slot] = oldCounts[i];
                }
            }
        }

        void clear() {
            Arrays.fill(keys, null);
            Arrays.fill(counts, 0);
            size = 0;
            other = 0;
        }

        void addTo(Map<String, Long> sum) {
            for (int i = 0; i < keys.length; i++) {
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
            } else if (counts.size() >= MAX_KEYS) {
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
