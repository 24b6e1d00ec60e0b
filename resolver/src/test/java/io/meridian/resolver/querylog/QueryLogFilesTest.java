package io.meridian.resolver.querylog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.meridian.resolver.querylog.LoggedQueryTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryLogFilesTest {
    /** A clock the test moves. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static Path dir() throws IOException {
        Files.createDirectories(Path.of("target", "querylog-tests"));
        return Files.createTempDirectory(Path.of("target", "querylog-tests"), "files");
    }

    @Test
    void filesRollBySizeAndByAgeAndOnlyTheNewestAreKept() throws IOException {
        Path dir = dir();
        ManualClock clock = new ManualClock();
        QueryLogSettings settings = new QueryLogSettings(true, dir, 4096, Duration.ofMinutes(10), 3, Duration.ofDays(7));
        List<LoggedQuery> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(query("n" + i + ".example.com", "A", "NOERROR", "192.0.2.1", "-"));
        }
        try (QueryLogFiles files = new QueryLogFiles(dir, settings, clock)) {
            for (int i = 0; i < 8; i++) {
                files.write(batch);
                clock.now = clock.now.plusSeconds(1);
            }
            List<Path> all = QueryLogFiles.files(dir);
            assertEquals(4, all.size(), "3 rolled files kept, plus the active one: " + all);
            assertEquals("queries.log", all.get(all.size() - 1).getFileName().toString());
            for (Path p : all) {
                for (String line : Files.readAllLines(p)) {
                    LoggedQuery.parse(line);
                }
            }
            long before = Files.size(QueryLogFiles.active(dir));
            clock.now = clock.now.plus(Duration.ofMinutes(10));
            files.write(batch.subList(0, 1));
            assertTrue(Files.size(QueryLogFiles.active(dir)) < before, "rolled by age before writing");
        }
    }

    @Test
    void rolledFilesOlderThanTheRetentionAreDeletedAtStart() throws IOException {
        Path dir = dir();
        Path old = dir.resolve("queries-20260101T000000000Z.log");
        Files.writeString(old, "");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Path recent = dir.resolve("queries-20261123T000000000Z.log");
        Files.writeString(recent, "");
        ManualClock clock = new ManualClock();
        Files.setLastModifiedTime(recent, java.nio.file.attribute.FileTime.from(clock.now.minusSeconds(3600)));
        new QueryLogFiles(dir, QueryLogSettings.DEFAULTS, clock).close();
        assertEquals(List.of(recent), QueryLogFiles.files(dir));
    }
}
