package io.meridian.resolver.querylog;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoggedQueryTest {
    static LoggedQuery query(String name, String type, String rcode, String resolver, String subnet) {
        return new LoggedQuery(Instant.parse("2026-11-23T10:00:00.123Z"), "ZABC123", name, type, rcode, "UDP", resolver, subnet,
                List.of("10 mail.example.com.", "\"v=spf1 \\\"quoted\\\" -all\""), "eu \"west\"", "multivalue answer", 42);
    }

    @Test
    void aLineStartsWithRoute53sTenFieldsAndReadsBackWhole() {
        LoggedQuery q = query("www.example.com", "MX", "NOERROR", "127.0.0.1", "198.51.100.0/24");
        String line = q.line();
        assertTrue(line.startsWith("1.0 2026-11-23T10:00:00.123Z ZABC123 www.example.com MX NOERROR UDP local 127.0.0.1 198.51.100.0/24 answer=\""),
                line);
        assertTrue(line.endsWith(" policy=\"multivalue answer\" latency_us=42"), line);
        assertEquals(q, LoggedQuery.parse(line));
    }

    @Test
    void linesWithoutExtrasAndWithoutAChoiceRead() {
        LoggedQuery plain = LoggedQuery.parse("1.0 2017-12-13T08:15:50.235Z Z123412341234 example.com A NOERROR UDP FRA6-C1 192.168.1.1 -");
        assertEquals("example.com", plain.name());
        assertEquals("192.168.1.1", plain.resolver());
        assertTrue(plain.answer().isEmpty());
        assertEquals(-1, plain.latencyMicros());
        LoggedQuery none = new LoggedQuery(Instant.EPOCH, "-", "x.example", "A", "NXDOMAIN", "TCP", "::1", "-", List.of(), null, null, -1);
        assertEquals(none, LoggedQuery.parse(none.line()));
        assertFalse(none.line().contains("\""), none.line());
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LoggedQuery.parse("hello world"));
        assertThrows(IllegalArgumentException.class, () -> LoggedQuery.parse("1.0 yesterday Z1 a A NOERROR UDP local 1.2.3.4 -"));
    }
}
