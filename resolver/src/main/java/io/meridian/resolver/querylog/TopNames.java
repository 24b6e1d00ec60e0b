package io.meridian.resolver.querylog;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most queried names and zones over the last five minutes, counted from the query log (so
 * lines the log dropped under overload are not counted: the figures are a sample then). Minute
 * buckets, each capped in distinct keys so a flood of random names cannot grow it without bound.
 */
public final class TopNames {
    static final int MINUTES = 5;
    static final int MAX_KEYS = 10_000;
    static final String OTHER = "(other names)";

    public record Count(String key, long queries) {
    }

    private final Map<String, Long>[] names = buckets();
    private final Map<String, Long>[] zones = buckets();
    private long currentMinute = -1;

    /** Counts one logged query at {@code timeMillis}; {@code zone} null when no zone answered. */
    public synchronized void count(long timeMillis, String name, String zone) {
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
        add(names[(int) (minute % MINUTES)], name);
        add(zones[(int) (minute % MINUTES)], zone == null ? "(no zone)" : zone);
    }

    public List<Count> topNames(int n) {
        return top(names, n);
    }

    public List<Count> topZones(int n) {
        return top(zones, n);
    }

    private synchronized List<Count> top(Map<String, Long>[] buckets, int n) {
        Map<String, Long> sum = new HashMap<>();
        for (Map<String, Long> b : buckets) {
            b.forEach((k, v) -> sum.merge(k, v, Long::sum));
        }
        return sum.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Count::queries).reversed().thenComparing(Count::key)).limit(n).toList();
    }

    private static void add(Map<String, Long> bucket, String key) {
        if (bucket.size() >= MAX_KEYS && !bucket.containsKey(key)) {
            key = OTHER;
        }
        bucket.merge(key, 1L, Long::sum);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long>[] buckets() {
        Map<String, Long>[] b = new Map[MINUTES];
        for (int i = 0; i < MINUTES; i++) {
            b[i] = new HashMap<>();
        }
        return b;
    }
}
