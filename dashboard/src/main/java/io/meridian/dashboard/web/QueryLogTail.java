package io.meridian.dashboard.web;

import io.javalin.http.sse.SseClient;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.pipeline.QueryLogReader;
import io.meridian.resolver.server.DataPlane;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live query log: a reader drains the data plane's log rings four times a second, writes each
 * query in Route 53's query-log format (ROUTE53.md §1.11; the edge location is "local"), keeps the
 * last lines for a page that opens, and pushes new ones to every open Server-Sent Events stream.
 */
final class QueryLogTail implements AutoCloseable {
    static final int KEEP = 500;

    private final DataPlane plane;
    private final QueryLogReader reader;
    private final Deque<String> recent = new ArrayDeque<>();
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService pump;

    QueryLogTail(DataPlane plane) {
        this.plane = plane;
        this.reader = new QueryLogReader(plane.server().metrics());
        this.pump = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "query-log-tail");
            t.setDaemon(true);
            return t;
        });
        pump.scheduleWithFixedDelay(this::pumpOnce, 250, 250, TimeUnit.MILLISECONDS);
    }

    void attach(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
    }

    synchronized List<String> recent() {
        return List.copyOf(recent);
    }

    long dropped() {
        return reader.dropped();
    }

    private void pumpOnce() {
        try {
            List<QueryLogReader.Entry> entries = reader.poll();
            if (entries.isEmpty()) {
                return;
            }
            Map<String, String> ids = new HashMap<>();
            for (ZoneService.ZoneSummary z : plane.zones().list()) {
                ids.put(z.origin(), z.id());
            }
            for (QueryLogReader.Entry e : entries) {
                String line = format(e, ids);
                synchronized (this) {
                    recent.addFirst(line);
                    if (recent.size() > KEEP) {
                        recent.removeLast();
                    }
                }
                for (SseClient c : clients) {
                    c.sendEvent("line", "<div class=logline>" + Html.escape(line) + "</div>");
                }
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(QueryLogTail.class).warn("query log tail: {}", e.toString());
        }
    }

    /** "1.0 TIME ZONEID NAME TYPE RCODE PROTO EDGE RESOLVER SUBNET", as Route 53 writes it. */
    static String format(QueryLogReader.Entry e, Map<String, String> zoneIds) {
        String name = e.name().length() > 1 && e.name().endsWith(".") ? e.name().substring(0, e.name().length() - 1) : e.name();
        return "1.0 " + DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(e.timeMillis()).truncatedTo(ChronoUnit.MILLIS))
                + " " + (e.zone() == null ? "-" : zoneIds.getOrDefault(e.zone(), "-")) + " " + name + " "
                + (e.type() < 0 ? "-" : Type.string(e.type())) + " " + Rcode.string(e.rcode()) + " " + (e.tcp() ? "TCP" : "UDP")
                + " local " + e.resolver() + " " + e.subnet();
    }

    @Override
    public void close() {
        pump.shutdownNow();
    }
}
