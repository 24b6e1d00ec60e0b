package io.meridian.resolver.querylog;

import io.meridian.resolver.pipeline.QueryMetrics;
import io.meridian.resolver.pipeline.QuerySlot;
import io.meridian.resolver.pipeline.QueryStages;
import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.testing.Wire;
import io.meridian.resolver.zone.QueryEvaluator;
import io.meridian.resolver.zone.ZoneIndex;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pump's own thread drains the answering side's log into the files a reload names, and counts top names. */
class QueryLogPumpTest {
    private final QueryMetrics metrics = new QueryMetrics();
    private final QueryStages stages;

    QueryLogPumpTest() throws Exception {
        ZoneIndex zones = new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM)));
        stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(), metrics.register());
    }

    @Test
    void aReloadsFilesTakeTheNextLinesAndNoFilesTakeNone() throws Exception {
        Path first = QueryLogFilesTest.dir();
        Path second = QueryLogFilesTest.dir();
        QueryLogSettings settings = new QueryLogSettings(true, first, 1 << 20, Duration.ofHours(1), 3, Duration.ofDays(1));
        try (QueryLogPump pump = new QueryLogPump(metrics, Map::of, new QueryLogFiles(first, settings, Clock.systemUTC()))) {
            ask("before.example.com.");
            await(() -> logged(first, "before.example.com."), "the first files get the first line");

            pump.useFiles(new QueryLogFiles(second, settings, Clock.systemUTC()));
            ask("after.example.com.");
            await(() -> logged(second, "after.example.com."), "the reload's files get the next line");
            assertFalse(logged(first, "after.example.com."));

            pump.useFiles(null);
            ask("unlogged.example.com.");
            await(() -> pump.top().topNames(10).stream().anyMatch(c -> c.key().equals("unlogged.example.com.")),
                    "the line is pumped (and counted) without files");
            assertFalse(logged(first, "unlogged.example.com.") || logged(second, "unlogged.example.com."));
        }
    }

    private void ask(String name) throws Exception {
        byte[] query = Wire.query(1, name, Type.A);
        QuerySlot slot = new QuerySlot(1232);
        System.arraycopy(query, 0, slot.in, 0, query.length);
        slot.inLength = query.length;
        slot.receivedNanos = System.nanoTime();
        stages.process(slot, false);
    }

    private static boolean logged(Path dir, String name) {
        try {
            Path active = QueryLogFiles.active(dir);
            return Files.exists(active) && Files.readString(active).contains(" " + name.substring(0, name.length() - 1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 5 s: " + what);
            Thread.sleep(20);
        }
    }
}
