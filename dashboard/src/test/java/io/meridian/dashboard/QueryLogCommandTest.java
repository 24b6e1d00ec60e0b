package io.meridian.dashboard;

import io.meridian.resolver.querylog.LoggedQuery;
import io.meridian.resolver.querylog.QueryLogFiles;
import io.meridian.resolver.querylog.QueryLogSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.meridian.dashboard.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code meridian querylog tail|export} over files written the way the server writes them, rolled ones included. */
class QueryLogCommandTest {
    static LoggedQuery at(String time, String name, String type, String rcode) {
        return new LoggedQuery(Instant.parse(time), "ZQL1", name, type, rcode, "UDP", "192.0.2.9", "-", List.of("192.0.2.1", "v=" + "x".repeat(200)),
                null, null, 12);
    }

    /** Several files: rolled ones (small size limit) and the active one; 30 lines in all, every third an NXDOMAIN. */
    static Path logs() throws Exception {
        Path data = CliTest.dataDir("querylog");
        QueryLogSettings settings = new QueryLogSettings(true, null, 4096, Duration.ofHours(1), 10, Duration.ofDays(7));
        try (QueryLogFiles files = new QueryLogFiles(settings.dir(data), settings, Clock.systemUTC())) {
            for (int i = 0; i < 30; i++) {
                List<LoggedQuery> one = new ArrayList<>();
                one.add(at(String.format("2026-11-23T10:%02d:00Z", i), "n" + i + ".ql.test", i % 3 == 0 ? "AAAA" : "A",
                        i % 3 == 0 ? "NXDOMAIN" : "NOERROR"));
                files.write(one);
            }
        }
        return data;
    }

    @Test
    void tailPrintsTheLastMatchingLinesAcrossRolledFiles() throws Exception {
        Path data = logs();
        assertTrue(QueryLogFiles.files(data.resolve("querylog")).size() > 1, "the test needs rolled files");
        CliTest.Result tail = run("querylog", "tail", "--lines", "3", "--data-dir", data.toString());
        assertEquals(0, tail.code(), tail.err());
        List<String> lines = tail.out().lines().toList();
        assertEquals(3, lines.size(), tail.out());
        assertTrue(lines.get(0).contains(" n27.ql.test ") && lines.get(2).contains(" n29.ql.test "), tail.out());
        CliTest.Result nx = run("querylog", "tail", "--rcode", "NXDOMAIN", "--lines", "100", "--data-dir", data.toString());
        assertEquals(10, nx.out().lines().count(), nx.out());
        assertTrue(nx.out().lines().allMatch(l -> l.contains(" AAAA NXDOMAIN ")), nx.out());
    }

    @Test
    void exportTakesATimeRangeAndFiltersAndWritesAFile() throws Exception {
        Path data = logs();
        Path out = data.resolve("export.log");
        CliTest.Result r = run("querylog", "export", "--since", "2026-11-23T10:10:00Z", "--until", "2026-11-23T10:20:00Z",
                "--type", "A", "--out", out.toString(), "--data-dir", data.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(7, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains(" n10.ql.test A NOERROR ") && lines.get(6).contains(" n19.ql.test "), lines.toString());
        assertTrue(r.err().contains("exported 7 lines"), r.err());
    }

    @Test
    void badArgumentsGetOneLineAndExitTwo() throws Exception {
        Path data = logs();
        for (String[] args : List.of(new String[] {"querylog", "tail", "--client", "nowhere", "--data-dir", data.toString()},
                new String[] {"querylog", "export", "--since", "yesterday", "--data-dir", data.toString()},
                new String[] {"querylog", "tail", "--since", "2026-11-23T10:00:00Z"},
                new String[] {"querylog", "rotate"})) {
            CliTest.Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("meridian: "), r.err());
        }
    }
}
