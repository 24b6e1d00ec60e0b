package io.meridian.dashboard.web;

import io.javalin.http.sse.SseClient;
import io.meridian.resolver.querylog.LoggedQuery;
import io.meridian.resolver.querylog.QueryLogFilter;
import io.meridian.resolver.querylog.QueryLogPump;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The live query log: listens to the data plane's {@link QueryLogPump}, keeps the last lines for
 * a page that opens, and pushes new ones, each stream through its own filter, to every open
 * Server-Sent Events stream.
 */
final class QueryLogTail implements AutoCloseable {
    static final int KEEP = 500;

    private final QueryLogPump pump;
    private final Deque<LoggedQuery> recent = new ArrayDeque<>();
    private final Map<SseClient, QueryLogFilter> clients = new ConcurrentHashMap<>();
    private final Consumer<List<LoggedQuery>> listener = this::accept;

    QueryLogTail(QueryLogPump pump) {
        this.pump = pump;
        pump.listen(listener);
    }

    void attach(SseClient client, QueryLogFilter filter) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.put(client, filter);
    }

    /** The last lines that pass {@code filter}, newest first. */
    synchronized List<LoggedQuery> recent(QueryLogFilter filter) {
        List<LoggedQuery> out = new ArrayList<>();
        for (LoggedQuery q : recent) {
            if (filter.matches(q)) {
                out.add(q);
            }
        }
        return out;
    }

    long dropped() {
        return pump.dropped();
    }

    private void accept(List<LoggedQuery> lines) {
        synchronized (this) {
            for (LoggedQuery q : lines) {
                recent.addFirst(q);
                if (recent.size() > KEEP) {
                    recent.removeLast();
                }
            }
        }
        clients.forEach((client, filter) -> {
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
