package io.meridian.resolver.querylog;

import io.meridian.resolver.pipeline.QueryLogReader;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One query-log line: Route 53's ten fields (ROUTE53.md §1.11: version, time, hosted zone id,
 * name, type, RCODE, protocol, edge location, resolver, client subnet), then Meridian's own as
 * {@code key=value}: the answer's data, the routed choice's SetIdentifier and policy, and the
 * latency in microseconds. Text values are quoted so a line splits on spaces unambiguously, and
 * tools that read Route 53's logs can take the first ten fields and ignore the rest.
 */
public record LoggedQuery(Instant time, String zoneId, String name, String type, String rcode, String protocol,
                          String resolver, String subnet, List<String> answer, String setIdentifier, String policy,
                          long latencyMicros) {
    private static final String EDGE = "local";

    /** From what the data plane logged, with the zone's id looked up by its origin. */
    public static LoggedQuery of(QueryLogReader.Entry e, Map<String, String> zoneIdsByOrigin) {
        String name = e.name().length() > 1 && e.name().endsWith(".") ? e.name().substring(0, e.name().length() - 1) : e.name();
        return new LoggedQuery(Instant.ofEpochMilli(e.timeMillis()), e.zone() == null ? "-" : zoneIdsByOrigin.getOrDefault(e.zone(), "-"),
                name, e.type() < 0 ? "-" : Type.string(e.type()), Rcode.string(e.rcode()), e.tcp() ? "TCP" : "UDP",
                e.resolver(), e.subnet(), e.answer() == null ? List.of() : e.answer().rdataText(), e.setIdentifier(), e.policy(),
                e.latencyNanos() < 0 ? -1 : e.latencyNanos() / 1000);
    }

    public String line() {
        StringBuilder b = new StringBuilder(160).append("1.0 ")
                .append(DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MILLIS))).append(' ')
                .append(zoneId).append(' ').append(name).append(' ').append(type).append(' ').append(rcode).append(' ')
                .append(protocol).append(' ').append(EDGE).append(' ').append(resolver).append(' ').append(subnet);
        b.append(" answer=");
        quoted(b, answer.isEmpty() ? null : String.join("; ", answer));
        b.append(" set=");
        quoted(b, setIdentifier);
        b.append(" policy=");
        quoted(b, policy);
        b.append(" latency_us=").append(latencyMicros < 0 ? "-" : Long.toString(latencyMicros));
        return b.toString();
    }

    /** Reads a line {@link #line} wrote; lines with Route 53's ten fields only are read too (no extras). */
    public static LoggedQuery parse(String line) {
        List<String> f = split(line);
        if (f.size() < 10 || !f.get(0).equals("1.0")) {
            throw new IllegalArgumentException("not a query-log line: " + line);
        }
        Instant time;
        try {
            time = Instant.parse(f.get(1));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time in query-log line: " + line);
        }
        String answer = "-";
        String set = "-";
        String policy = "-";
        long latency = -1;
        for (String extra : f.subList(10, f.size())) {
            int eq = extra.indexOf('=');
            String value = eq < 0 ? "" : extra.substring(eq + 1);
            switch (eq < 0 ? extra : extra.substring(0, eq)) {
                case "answer" -> answer = value;
                case "set" -> set = value;
                case "policy" -> policy = value;
                case "latency_us" -> latency = value.equals("-") ? -1 : Long.parseLong(value);
                default -> {
                    // A field a later version added: kept readable by ignoring it.
                }
            }
        }
        return new LoggedQuery(time, f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(8), f.get(9),
                answer.equals("-") ? List.of() : List.of(answer.split("; ")), set.equals("-") ? null : set,
                policy.equals("-") ? null : policy, latency);
    }

    private static void quoted(StringBuilder b, String value) {
        if (value == null) {
            b.append('-');
            return;
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c == '\n' ? ' ' : c);
        }
        b.append('"');
    }

    /** Splits on spaces outside double quotes, unquoting (a field may be key="value with spaces"). */
    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
