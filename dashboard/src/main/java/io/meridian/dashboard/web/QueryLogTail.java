package io.meridian.dashboard.web;

import io.javalin.http.sse.SseClient;
import io.meridian.resolver.querylog.LoggedQuery;
import io.meridian.resolver.querylog.QueryLogFilter;
import io.meridian.resolver.querylog.QueryLogPump;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The live query log: the last lines for a page that opens (read from the data plane's rings when
 * asked), and new ones pushed, each stream through its own filter, to every open Server-Sent Events
 * stream. It listens to the {@link QueryLogPump} only while a stream is open: a listener makes the
 * pump format every query, on a core that answers them too.
 */
final class QueryLogTail implements AutoCloseable {
    static final int KEEP = 500;

    private final QueryLogPump pump;
    private final Map<SseClient, QueryLogFilter> clients = new ConcurrentHashMap<>();
    private final Consumer<List<LoggedQuery>> listener = this::accept;

    QueryLogTail(QueryLogPump pump) {
        this.pump = pump;
    }

    void attach(SseClient client, QueryLogFilter filter) {
        client.keepAlive();
        client.onClose(() -> detach(client));
        synchronized (this) {
            clients.put(client, filter);
            pump.listen(listener);
        }
        if (client.terminated()) {
            detach(client); // closed before it was in the map: its close callback found nothing to remove
        }
    }

    private synchronized void detach(SseClient client) {
        clients.remove(client);
        if (clients.isEmpty()) {
            pump.unlisten(listener);
        }
    }

    /** The last lines (up to {@link #KEEP}) that pass {@code filter}, newest first. */
    List<LoggedQuery> recent(QueryLogFilter filter) {
        return pump.recent(KEEP).stream().filter(filter::matches).toList();
    }

    long dropped() {
        return pump.dropped();
    }

    long sampledOut() {
        return pump.sampledOut();
    }

    private void accept(List<LoggedQuery> lines) {
        clients.forEach((client, filter) -> {
            if (client.terminated()) {
                detach(client); // a stream that ended without its close callback: stop formatting for it
                return;
            }
            for (LoggedQuery q : lines) {
                if (filter.matches(q)) {
                    client.sendEvent("line", QueryLogPage.row(q));
                }
            }
        });
    }

    @Override
    public void close() {
        pump.unlisten(listener);
    }
}
