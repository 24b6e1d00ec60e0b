package io.meridian.dashboard;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code meridian serve} in a child JVM, as an operator runs it: one line saying where it listens,
 * answers over DNS, a clean exit on SIGTERM, and the zone still served after a restart without --zone.
 */
public class ServeProcessTest {

    public static int freePort() throws Exception {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0)) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port)) {
                    return port;
                } catch (java.net.SocketException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no free port pair");
    }

    public static Process serve(Path data, int dns, int http, String... extra) throws Exception {
        return serveCommand(data, dns, http, extra).start();
    }

    /** The child JVM's command, for a test that adds to its environment before starting it. */
    public static ProcessBuilder serveCommand(Path data, int dns, int http, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Meridian.class.getName(), "serve",
                "--data-dir", data.toString(), "--dns", "127.0.0.1:" + dns, "--http", "127.0.0.1:" + http));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /** Reads the child's output until the listening line; a daemon thread keeps draining into {@code log}. */
    public static Thread awaitListening(Process p, List<String> log) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String line; System.nanoTime() < deadline && (line = r.readLine()) != null; ) {
            log.add(line);
            if (line.startsWith("meridian listening:")) {
                Thread drain = new Thread(() -> r.lines().forEach(log::add));
                drain.setDaemon(true);
                drain.start();
                return drain;
            }
        }
        throw new AssertionError("serve never said where it listens: " + log);
    }

    public static Message query(int port, String name) throws Exception {
        SimpleResolver res = new SimpleResolver("127.0.0.1");
        res.setPort(port);
        res.setTimeout(Duration.ofSeconds(3));
        return res.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
    }

    @Test
    void servesLogsWhereItListensStopsOnSigtermAndServesAgainAfterRestart() throws Exception {
        Path data = CliTest.dataDir("serve");
        Path zone = CliTest.zoneFile(CliTest.ZONE);
        int dns = freePort();
        int http = freePort();
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        Process p = serve(data, dns, http, "--zone", zone.toString());
        try {
            Thread drain = awaitListening(p, log);
            String line = log.get(log.size() - 1);
            assertTrue(line.contains("DNS udp+tcp 127.0.0.1:" + dns), line);
            assertTrue(line.contains("HTTP http://127.0.0.1:" + http), line);
            Message m = query(dns, "www.cli.test.");
            assertEquals("192.0.2.80", m.getSection(Section.ANSWER).get(0).rdataToString());
            stopWithSigterm(p, drain, log);
        } finally {
            p.destroyForcibly();
        }

        Process again = serve(data, dns, http);
        try {
            awaitListening(again, log);
            assertEquals("192.0.2.80", query(dns, "www.cli.test.").getSection(Section.ANSWER).get(0).rdataToString());
        } finally {
            again.destroy();
            again.waitFor(20, TimeUnit.SECONDS);
            if (again.isAlive()) {
                again.destroyForcibly();
            }
        }
    }

    /**
     * {@code meridian zone import} in another process (this JVM) while serve runs: the server learns
     * of it from the store's shared count of zone writes, within seconds, for a new zone and a replaced one.
     */
    @Test
    void zonesImportedByAnotherProcessAreServedWithinSeconds() throws Exception {
        Path data = CliTest.dataDir("follow");
        int dns = freePort();
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        Process p = serve(data, dns, freePort(), "--zone", CliTest.zoneFile(CliTest.ZONE).toString());
        try {
            awaitListening(p, log);
            CliTest.Result added = CliTest.run("zone", "import", CliTest.zoneFile(CliTest.ZONE.replace("cli.test.", "other.test.")
                    .replace("192.0.2.80", "192.0.2.81")).toString(), "--data-dir", data.toString());
            assertEquals(0, added.code(), added.err());
            awaitAnswer(dns, "www.other.test.", "192.0.2.81", log);
            CliTest.Result replaced = CliTest.run("zone", "import", CliTest.zoneFile(CliTest.ZONE.replace("192.0.2.80", "192.0.2.99")
                    .replace(" 7 3600", " 8 3600")).toString(), "--data-dir", data.toString());
            assertEquals(0, replaced.code(), replaced.err());
            awaitAnswer(dns, "www.cli.test.", "192.0.2.99", log);
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    /** Asks until {@code name} has the address {@code expected}, for at most 10 s (the server looks once a second). */
    private static void awaitAnswer(int port, String name, String expected, List<String> log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            List<Record> answer = query(port, name).getSection(Section.ANSWER);
            last = answer.isEmpty() ? "no answer" : answer.get(0).rdataToString();
            if (last.equals(expected)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " still answers " + last + ", not " + expected + "; serve said: " + log);
    }

    @Test
    void aSigtermWhileStartingWaitsForTheStartAndClosesTheStoreCleanly() throws Exception {
        Path data = CliTest.dataDir("serve-early-stop");
        Path zone = CliTest.zoneFile(CliTest.ZONE);
        int dns = freePort();
        Process p = serve(data, dns, freePort(), "--zone", zone.toString());
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread drain = new Thread(() -> new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                .lines().forEach(log::add));
        drain.setDaemon(true);
        drain.start();
        try {
            // DNS answers before the HTTP face and the admin socket are up: stop in that window, once
            // this process has its store open (a CI run once saw an answer before that, from elsewhere).
            long opened = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!java.nio.file.Files.exists(data.resolve("zones.cm")) && p.isAlive() && System.nanoTime() < opened) {
                Thread.sleep(5);
            }
            SimpleResolver res = new SimpleResolver("127.0.0.1");
            res.setPort(dns);
            res.setTimeout(Duration.ofMillis(50));
            Message q = Message.newQuery(Record.newRecord(Name.fromString("www.cli.test."), Type.A, DClass.IN));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            boolean answered = false;
            while (!answered && p.isAlive() && System.nanoTime() < deadline) {
                try {
                    answered = res.send(q).getRcode() == 0;
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
            }
            assertTrue(answered, "serve never answered: " + log);
            stopWithSigterm(p, drain, log);
        } finally {
            p.destroyForcibly();
        }
        assertTrue(java.nio.file.Files.exists(data.resolve("clean")), "the store was not closed cleanly: " + log);
    }

    @Test
    void aSigtermBeforeTheStoreOpensEndsTheStartWithoutAStackTrace() throws Exception {
        Path data = CliTest.dataDir("serve-stop-before-store");
        Process p = serve(data, freePort(), freePort(), "--zone", CliTest.zoneFile(CliTest.ZONE).toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            // A fresh data directory: serve first writes an API key and says so, then opens the store.
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("meridian: no API key was configured"), String.valueOf(first));
            p.toHandle().destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
            String rest = out.lines().collect(java.util.stream.Collectors.joining("\n"));
            assertTrue(!rest.contains("Exception") && !rest.contains("\tat "), rest);
        } finally {
            p.destroyForcibly();
        }
    }

    /** SIGTERM, then the exit and the last of the output a stop leaves: 143 and "meridian stopped". */
    private static void stopWithSigterm(Process p, Thread drain, List<String> log) throws InterruptedException {
        // Process.destroy() would also close our end of its output; the handle only signals.
        p.toHandle().destroy();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        drain.join(20_000);
        // A JVM ended by SIGTERM exits 143 once its shutdown hooks have run.
        assertEquals(143, p.exitValue(), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.equals("meridian stopped")), String.join("\n", log));
    }
}
