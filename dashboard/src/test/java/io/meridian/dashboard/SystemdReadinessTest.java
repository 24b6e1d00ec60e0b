package io.meridian.dashboard;

import io.meridian.resolver.server.NotifySocket;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Section;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code meridian serve} under a Type=notify unit, with a real notification socket in
 * $NOTIFY_SOCKET: READY=1 comes once DNS answers from the loaded zone (a query sent the moment it
 * arrives gets the record), nothing before it, and STOPPING=1 on SIGTERM.
 */
class SystemdReadinessTest {

    @Test
    void saysReadyOnlyOnceDnsAnswersAndStoppingOnSigterm() throws Exception {
        Path data = CliTest.dataDir("notify");
        Path zone = CliTest.zoneFile(CliTest.ZONE);
        int dns = ServeProcessTest.freePort();
        int http = ServeProcessTest.freePort();
        Path socketFile = Files.createTempDirectory(Path.of("target"), "notify").resolve("notify");
        List<String> log = new CopyOnWriteArrayList<>();
        try (NotifySocket systemd = new NotifySocket(socketFile.toAbsolutePath().toString())) {
            ProcessBuilder pb = ServeProcessTest.serveCommand(data, dns, http, "--zone", zone.toString());
            pb.environment().put("NOTIFY_SOCKET", systemd.address());
            Process p = pb.start();
            try {
                Thread drain = new Thread(() -> new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8)).lines().forEach(log::add));
                drain.setDaemon(true);
                drain.start();
                String first = systemd.next(Duration.ofSeconds(60));
                assertEquals("READY=1", first, "first notification; serve said: " + log);
                assertEquals("192.0.2.80", ServeProcessTest.query(dns, "www.cli.test.").getSection(Section.ANSWER).get(0)
                        .rdataToString());
                assertNull(systemd.next(Duration.ofMillis(200)), "nothing more until it stops");

                p.toHandle().destroy();
                String last = systemd.next(Duration.ofSeconds(20));
                assertNotNull(last, "no notification on SIGTERM; serve said: " + log);
                assertEquals("STOPPING=1", last);
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
                drain.join(5_000);
                assertTrue(log.contains("meridian stopped"), String.join("\n", log));
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
