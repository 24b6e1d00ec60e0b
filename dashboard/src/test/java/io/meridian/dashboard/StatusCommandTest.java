package io.meridian.dashboard;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code meridian --version} and {@code meridian status} against a server in a child JVM. */
class StatusCommandTest {

    @Test
    void versionIsTheMavenProjectVersion() throws Exception {
        Matcher m = Pattern.compile("<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        CliTest.Result r = CliTest.run("--version");
        assertEquals(0, r.code());
        assertEquals("meridian " + m.group(1) + "\n", r.out());
        assertEquals(r.out(), CliTest.run("version").out());
    }

    @Test
    void statusReportsWhatTheRunningServerServesAndFailsInOneLineWithoutOne() throws Exception {
        Path data = CliTest.dataDir("status");
        int dns = ServeProcessTest.freePort();
        int http = ServeProcessTest.freePort();
        List<String> log = new CopyOnWriteArrayList<>();
        Process p = ServeProcessTest.serve(data, dns, http, "--zone", CliTest.zoneFile(CliTest.ZONE).toString());
        try {
            ServeProcessTest.awaitListening(p, log);
            ServeProcessTest.query(dns, "www.cli.test.");
            ServeProcessTest.query(dns, "nothing.cli.test.");
            CliTest.Result r = CliTest.run("status", "--data-dir", data.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("version: " + Version.current() + "\n"), r.out());
            assertTrue(r.out().contains("dns: udp+tcp 127.0.0.1:" + dns + "\n"), r.out());
            assertTrue(r.out().contains("http: http://127.0.0.1:" + http + "\n"), r.out());
            assertTrue(r.out().contains("zones: 1\n"), r.out());
            // SOA, NS, ns1 A, www A
            assertTrue(r.out().contains("record sets: 4\n"), r.out());
            assertTrue(r.out().contains("health checks: 0 up, 0 down\n"), r.out());
            assertTrue(r.out().contains("queries served: 2\n"), r.out());
            assertTrue(r.out().matches("(?s).*uptime: (\\d+m )?\\d+s\n.*"), r.out());
            assertTrue(r.out().matches("(?s).*data dir: .*status.* \\(\\d+\\.\\d MB\\)\n.*"), r.out());
            p.toHandle().destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Files.notExists(data.resolve("admin.sock")), "the socket is removed at stop");
        CliTest.Result none = CliTest.run("status", "--data-dir", data.toString());
        assertEquals(1, none.code());
        assertEquals("meridian: no meridian serve is running on " + data + " (nothing answers on " + data.resolve("admin.sock")
                + ")\n", none.err());
        assertEquals(2, CliTest.run("status", "extra", "--data-dir", data.toString()).code());
    }
}
