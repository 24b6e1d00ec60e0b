package io.meridian.resolver.querylog;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TopNamesTest {
    @Test
    void countsTheLastFiveMinutesMostQueriedFirst() throws Exception {
        TopNames top = new TopNames();
        long t = 1_000 * 60_000L;
        count(top, t, "old.example.", "example.");
        for (int i = 0; i < 3; i++) {
            count(top, t + 5 * 60_000L, "a.example.", "example.");
        }
        count(top, t + 6 * 60_000L, "b.example.", null);
        assertEquals(List.of(new TopNames.Count("a.example.", 3), new TopNames.Count("b.example.", 1)), top.topNames(10),
                "the name from six minutes ago is gone");
        assertEquals(List.of(new TopNames.Count("example.", 3), new TopNames.Count("(no zone)", 1)), top.topZones(10));
        assertEquals(1, top.topNames(1).size());

        top.advance(t + 11 * 60_000L);
        assertEquals(List.of(), top.topNames(10), "five minutes without queries leave nothing to show");
        assertEquals(List.of(), top.topZones(10));
    }

    @Test
    void aNameIsCountedByItsBytesNotByTheArrayItCameIn() throws Exception {
        TopNames top = new TopNames();
        // The log hands over the same scratch array for every name, with stale bytes past the length.
        byte[] scratch = new byte[256];
        java.util.Arrays.fill(scratch, (byte) 'x');
        for (String name : List.of("www.example.", "mail.example.", "www.example.", ".")) {
            byte[] wire = new Name(name).toWire();
            System.arraycopy(wire, 0, scratch, 0, wire.length);
            top.count(0, scratch, wire.length, "example.", 1);
        }
        assertEquals(List.of(new TopNames.Count("www.example.", 2), new TopNames.Count(".", 1), new TopNames.Count("mail.example.", 1)),
                top.topNames(10));
    }

    /**
     * A flood of names asked once fills a minute's table and goes on; a name asked often, first
     * asked after the table filled, is still counted by name, and the counts add up to the queries.
     */
    @Test
    void aNameAskedOftenKeepsItsCountThroughAFloodOfNamesAskedOnce() throws Exception {
        TopNames top = new TopNames();
        // Four names a slot fill every bucket (32 names to one of 8 slots on average).
        int full = 4 * TopNames.SLOTS;
        int flood = full + TopNames.SLOTS;
        int hot = 0;
        for (int i = 0; i < flood; i++) {
            count(top, 0, "r" + i + ".example.", "example.");
            if (i >= full && i % 100 == 0) {
                count(top, 0, "hot.example.", "example.");
                hot++;
            }
        }
        List<TopNames.Count> names = top.topNames(Integer.MAX_VALUE);
        assertEquals(TopNames.OTHER, names.get(0).key());
        assertEquals(new TopNames.Count("hot.example.", hot), names.get(1));
        assertEquals(1, names.get(2).queries());
        assertEquals(flood + hot, names.stream().mapToLong(TopNames.Count::queries).sum(), "every query counted once");
        assertEquals(List.of(new TopNames.Count("example.", flood + hot)), top.topZones(10));
    }

    @Test
    void aLineCountsForTheQueriesItStandsFor() throws Exception {
        TopNames top = new TopNames();
        count(top, 0, "sampled.example.", "example.", 25);
        count(top, 0, "sampled.example.", "example.", 25);
        count(top, 0, "rare.example.", "other.", 1);
        assertEquals(List.of(new TopNames.Count("sampled.example.", 50), new TopNames.Count("rare.example.", 1)), top.topNames(10));
        assertEquals(List.of(new TopNames.Count("example.", 50), new TopNames.Count("other.", 1)), top.topZones(10));
    }

    private static void count(TopNames top, long time, String name, String zone) throws TextParseException {
        count(top, time, name, zone, 1);
    }

    private static void count(TopNames top, long time, String name, String zone, int weight) throws TextParseException {
        byte[] wire = new Name(name).toWire();
        top.count(time, wire, wire.length, zone, weight);
    }
}
