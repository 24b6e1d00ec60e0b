package io.meridian.resolver.querylog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TopNamesTest {
    @Test
    void countsTheLastFiveMinutesMostQueriedFirst() {
        TopNames top = new TopNames();
        long t = 1_000 * 60_000L;
        top.count(t, "old.example.", "example.");
        for (int i = 0; i < 3; i++) {
            top.count(t + 5 * 60_000L, "a.example.", "example.");
        }
        top.count(t + 6 * 60_000L, "b.example.", null);
        assertEquals(List.of(new TopNames.Count("a.example.", 3), new TopNames.Count("b.example.", 1)), top.topNames(10),
                "the name from six minutes ago is gone");
        assertEquals(List.of(new TopNames.Count("example.", 3), new TopNames.Count("(no zone)", 1)), top.topZones(10));
        assertEquals(1, top.topNames(1).size());
    }

    @Test
    void aFloodOfDistinctNamesIsCappedIntoOneBucket() {
        TopNames top = new TopNames();
        for (int i = 0; i < TopNames.MAX_KEYS + 500; i++) {
            top.count(0, "r" + i + ".example.", "example.");
        }
        assertEquals(new TopNames.Count(TopNames.OTHER, 500), top.topNames(1).get(0));
    }
}
