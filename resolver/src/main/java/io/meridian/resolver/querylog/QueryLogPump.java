package io.meridian.resolver.querylog;

import io.meridian.resolver.pipeline.QueryLogReader;
import io.meridian.resolver.pipeline.QueryMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drains the data plane's query-log rings four times a second, off the query path, into the
 * log files, the top-names counts and whoever listens (the dashboard's live tail). The one
 * reader of the rings: what it was too slow to read is counted once, as {@link #dropped}.
 */
public final class QueryLogPump implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryLogPump.class);
    static final long PERIOD_MILLIS = 250;

    private final QueryLogReader reader;
    private final Supplier<Map<String, String>> zoneIds;
    private volatile QueryLogFiles files;
    private final TopNames top = new TopNames();
    private final Map<String, AtomicLong> loggedByZone = new ConcurrentHashMap<>();
    private final Set<Consumer<List<LoggedQuery>>> listeners = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread;
    private long failures;

    /**
     * @param zoneIds hosted zone id by zone origin, as the log lines name zones
     * @param files   where lines are written, or null for no files
     */
    public QueryLogPump(QueryMetrics metrics, Supplier<Map<String, String>> zoneIds, QueryLogFiles files) {
        this.reader = new QueryLogReader(metrics);
        this.zoneIds = zoneIds;
        this.files = files;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "query-log");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::pumpOnce, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Writes to {@code next} (or no files, for null) from now on: a reload of the configuration.
     * The switch happens on the pump's own thread, between two batches, so no line is written to
     * a closed file; the previous files are closed there.
     */
    public void useFiles(QueryLogFiles next) {
        thread.execute(() -> {
            QueryLogFiles previous = files;
            files = next;
            if (previous != null) {
                try {
                    previous.close();
                } catch (IOException e) {
                    LOG.warn("query log: could not close {}: {}", previous, e.getMessage());
                }
            }
        });
    }

    /**
     * Calls {@code listener} with each new batch of lines, from the pump's thread, until {@link #unlisten}.
     * While anyone listens (or files are written) every query is formatted: listen only while the
     * lines go somewhere.
     */
    public void listen(Consumer<List<LoggedQuery>> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<List<LoggedQuery>> listener) {
        listeners.remove(listener);
    }

    /** How many listen now (the dashboard listens while a live log is open). */
    public int listeners() {
        return listeners.size();
    }

    /** Queries that were answered but never logged, because the log fell a whole ring behind. */
    public long dropped() {
        return reader.dropped();
    }

    /** Queries that were answered but not logged because at their rate the log kept one query in N. */
    public long sampledOut() {
        return reader.sampledOut();
    }

    /** Queries logged since start by the origin of the zone that answered ("" for none): exact while nothing is {@link #dropped}. */
    public Map<String, Long> loggedByZone() {
        Map<String, Long> copy = new java.util.HashMap<>();
        loggedByZone.forEach((zone, n) -> copy.put(zone, n.get()));
        return Map.copyOf(copy);
    }

    /** The last {@code n} queries the data plane logged, newest first (read now, not kept by the pump). */
    public List<LoggedQuery> recent(int n) {
        return lines(reader.newest(n));
    }

    /** Entries as log lines, each zone named by its hosted zone id. */
    private List<LoggedQuery> lines(List<QueryLogReader.Entry> entries) {
        Map<String, String> ids = zoneIds.get();
        return entries.stream().map(e -> LoggedQuery.of(e, ids)).toList();
    }

    public TopNames top() {
        return top;
    }

    void pumpOnce() {
        try {
            boolean wanted = files != null || !listeners.isEmpty();
            top.advance(System.currentTimeMillis());
            List<QueryLogReader.Entry> entries = reader.poll(wanted, this::count);
            if (!wanted || entries.isEmpty()) {
                return;
            }
            List<LoggedQuery> lines = lines(entries);
            if (files != null) {
                files.write(lines);
            }
            for (Consumer<List<LoggedQuery>> l : listeners) {
                l.accept(lines);
            }
        } catch (IOException | RuntimeException e) {
            // Logging must never stop answering: report (rarely) and go on with the next batch.
            if (failures++ % 100 == 0) {
                LOG.warn("query log: {}", e.toString());
            }
        }
    }

    private void count(long timeMillis, String zone, byte[] qname, int qnameLength, int weight) {
        top.count(timeMillis, qname, qnameLength, zone, weight);
        loggedByZone.computeIfAbsent(zone == null ? "" : zone, z -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void close() throws IOException {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (files != null) {
            files.close();
        }
    }
}
