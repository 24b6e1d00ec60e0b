package io.meridian.dashboard.web;

import io.javalin.http.Context;
import io.meridian.resolver.querylog.LoggedQuery;
import io.meridian.resolver.querylog.QueryLogFilter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The live query log page: filters (zone, name, type, RCODE, client prefix) that re-open the
 * stream with the new filter, pause and resume (lines that arrive while paused are held in the
 * page and shown on resume), and the lines themselves, newest first.
 */
final class QueryLogPage {
    private static final String[] TYPES = {"A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "SRV", "CAA", "PTR", "HTTPS", "ANY"};
    private static final String[] RCODES = {"NOERROR", "NXDOMAIN", "REFUSED", "SERVFAIL", "FORMERR", "NOTIMP"};
    private static final String[] FIELDS = {"zone", "name", "type", "rcode", "client"};

    private QueryLogPage() {
    }

    /** The filter the request's query parameters ask for. */
    static QueryLogFilter filter(Context ctx) {
        return new QueryLogFilter(ctx.queryParam("zone"), ctx.queryParam("name"), ctx.queryParam("type"), ctx.queryParam("rcode"),
                ctx.queryParam("client"));
    }

    static String body(Context ctx, QueryLogTail tail) {
        return "<section><h2>Query log</h2><p class=muted>Newest first. Each line is Route 53's query-log format (version,"
                + " time, hosted zone, name, type, RCODE, protocol, edge, resolver, client subnet) followed by Meridian's"
                + " answer, chosen record set, routing policy and latency. Above some two thousand queries a second per"
                + " answering thread one query in N is logged (" + tail.sampledOut() + " not logged so far), and lines the log"
                + " could not keep up with are dropped, never the queries (" + tail.dropped() + " so far).</p>"
                + "<form id=filters class=inline hx-get=\"/ui/log/lines\" hx-target=\"#logpanel\""
                + " hx-trigger=\"change, input changed delay:400ms\" onsubmit=\"return false\">"
                + text(ctx, "zone", "Zone", "example.com or Z…") + text(ctx, "name", "Name contains", "www")
                + select(ctx, "type", "Type", TYPES) + select(ctx, "rcode", "RCODE", RCODES)
                + text(ctx, "client", "Client prefix", "192.0.2.0/24")
                + "<button type=button id=pause onclick=\"meridianTogglePause(this)\">Pause</button>"
                + "<span id=held class=muted></span></form></section>"
                + "<section><div id=logpanel>" + lines(ctx, tail) + "</div></section>" + PAUSE_SCRIPT;
    }

    /** The recent lines that pass the filter, and the stream that appends new ones; a bad filter shows its error instead. */
    static String lines(Context ctx, QueryLogTail tail) {
        QueryLogFilter filter;
        try {
            filter = filter(ctx);
        } catch (IllegalArgumentException e) {
            return "<p class=error>" + Html.escape(e.getMessage()) + "</p>";
        }
        StringBuilder query = new StringBuilder();
        for (String f : FIELDS) {
            String v = ctx.queryParam(f);
            if (v != null && !v.isBlank()) {
                query.append(query.length() == 0 ? "?" : "&").append(f).append('=').append(URLEncoder.encode(v.trim(), StandardCharsets.UTF_8));
            }
        }
        StringBuilder b = new StringBuilder("<div hx-ext=sse sse-connect=\"/ui/log/stream").append(Html.escape(query.toString()))
                .append("\"><div id=log class=log sse-swap=line hx-swap=afterbegin>");
        List<LoggedQuery> recent = tail.recent(filter);
        recent.forEach(q -> b.append(row(q)));
        b.append("</div></div>");
        if (recent.isEmpty()) {
            b.append("<p class=muted id=nolines>No queries match yet; new ones appear here as they are answered.</p>");
        }
        return b.toString();
    }

    /** A line: Route 53's fields, then Meridian's extras set apart so the familiar part reads first. */
    static String row(LoggedQuery q) {
        String line = q.line();
        int extras = line.indexOf(" answer=");
        return "<div class=\"logline" + (q.rcode().equals("NOERROR") ? "" : " notok") + "\">" + Html.escape(line.substring(0, extras))
                + " <span class=extras>" + Html.escape(line.substring(extras + 1)) + "</span></div>";
    }

    private static String text(Context ctx, String name, String label, String placeholder) {
        return "<label>" + label + "<input name=" + name + " value=\"" + Html.escape(ctx.queryParam(name)) + "\" placeholder=\""
                + Html.escape(placeholder) + "\" size=14></label>";
    }

    private static String select(Context ctx, String name, String label, String[] values) {
        StringBuilder b = new StringBuilder("<label>").append(label).append("<select name=").append(name).append("><option value=\"\">any</option>");
        for (String v : values) {
            b.append("<option").append(v.equals(ctx.queryParam(name)) ? " selected" : "").append('>').append(v).append("</option>");
        }
        return b.append("</select></label>").toString();
    }

    /** While paused, lines the stream brings are held instead of shown; resume shows them in order. */
    private static final String PAUSE_SCRIPT = """
            <script>
            let meridianPaused = false, meridianHeld = [];
            document.body.addEventListener('htmx:sseBeforeMessage', e => {
              if (!meridianPaused) { document.getElementById('nolines')?.remove(); return; }
              e.preventDefault();
              meridianHeld.push(e.detail.data);
              document.getElementById('held').textContent = meridianHeld.length + ' new lines held';
            });
            function meridianTogglePause(button) {
              meridianPaused = !meridianPaused;
              button.textContent = meridianPaused ? 'Resume' : 'Pause';
              if (!meridianPaused) {
                const log = document.getElementById('log');
                meridianHeld.forEach(line => log.insertAdjacentHTML('afterbegin', line));
                meridianHeld = [];
                document.getElementById('held').textContent = '';
              }
            }
            </script>""";
}
