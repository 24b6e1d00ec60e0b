package io.meridian.resolver.health;

import com.sun.net.httpserver.HttpServer;
import io.meridian.resolver.control.ControlLimits;
import io.meridian.resolver.control.HealthCheckConfig;
import io.meridian.resolver.control.HealthCheckService;
import io.meridian.resolver.store.ZoneStore;
import io.meridian.resolver.testing.DataDirs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real probes against endpoints on loopback: HTTP status, string match, TCP, thresholds, inversion, disabling, calculated. */
class HealthCheckerTest {
    static final HealthSettings FAST = new HealthSettings(true, 1, 4);

    ZoneStore store;
    HealthCheckService checks;
    HealthChecker checker;
    HttpServer http;
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicReference<String> body = new AtomicReference<>("service ready");
    final AtomicReference<String> hostSeen = new AtomicReference<>();
    final java.util.Set<String> hostsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        store = ZoneStore.open(DataDirs.fresh("health"), ZoneStore.StoreSizing.DEFAULT);
        checks = new HealthCheckService(store, ControlLimits.ROUTE53, FAST::intervalAllowed);
        checker = new HealthChecker(checks, new HealthTable(64), FAST, Clock.systemUTC());
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            hostSeen.set(ex.getRequestHeaders().getFirst("Host"));
            hostsSeen.add(ex.getRequestHeaders().getFirst("Host"));
            byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), ex.getRequestURI().getPath().equals("/chunked") ? 0 : b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        http.start();
    }

    @AfterEach
    void stop() {
        checker.close();
        http.stop(0);
        store.close();
    }

    HealthCheckService.HealthCheck create(String ref, String type, Integer port, String path, String fqdn, String search,
                                          int threshold, boolean inverted, boolean disabled) throws Exception {
        return checks.create(ref, new HealthCheckConfig(type, fqdn == null ? "127.0.0.1" : null, port, path, fqdn, search, 1,
                threshold, false, inverted, disabled, null, List.of(), null, List.of()));
    }

    int port() {
        return http.getAddress().getPort();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void anHttpCheckTurnsUnhealthyAfterItsThresholdAndReportsWhy() throws Exception {
        String id = create("http", "HTTP", port(), "/health?full=1", null, null, 2, false, false).id();
        await("the first probe", () -> !checker.observations(id).isEmpty());
        Observation ok = checker.observations(id).get(0);
        assertEquals("Success: HTTP Status Code 200, OK", ok.status());
        assertEquals("127.0.0.1", ok.checkerAddress());
        assertEquals("127.0.0.1", hostSeen.get(), "no FQDN: the Host header is the IP");
        status.set(503);
        await("the first failure", () -> checker.lastFailure(id).isPresent());
        assertTrue(checker.healthy(id), "one failure is below FailureThreshold 2");
        await("two failures in a row", () -> !checker.healthy(id));
        assertTrue(checker.lastFailure(id).orElseThrow().status().startsWith("Failure: HTTP Status Code 503"));
        status.set(302);
        await("recovery on a 3xx", () -> checker.healthy(id));
    }

    @Test
    void stringMatchSearchesTheBodyAndTheHostHeaderNamesTheFqdnAndPort() throws Exception {
        String found = create("str", "HTTP_STR_MATCH", port(), "/chunked", "localhost", "ready", 1, false, false).id();
        String missing = create("str-missing", "HTTP_STR_MATCH", port(), "/", null, "absent", 1, false, false).id();
        await("both probed", () -> !checker.observations(found).isEmpty() && !checker.observations(missing).isEmpty());
        assertTrue(checker.healthy(found), checker.observations(found).toString());
        assertTrue(hostsSeen.contains("localhost:" + port()), "an FQDN on a port not the scheme's: Host is fqdn:port " + hostsSeen);
        await("the missing string fails", () -> !checker.healthy(missing));
        assertTrue(checker.lastFailure(missing).orElseThrow().status().contains("Search string not found"));
    }

    @Test
    void tcpChecksConnectInversionFlipsAndDisabledChecksReadHealthy() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String tcp = create("tcp", "TCP", listening.getLocalPort(), null, null, null, 1, false, false).id();
            String inverted = create("tcp-inverted", "TCP", listening.getLocalPort(), null, null, null, 1, true, false).id();
            String disabled = create("disabled", "TCP", 1, null, null, null, 1, false, true).id();
            String forcedDown = create("forced-down", "TCP", 1, null, null, null, 1, true, true).id();
            await("probed", () -> !checker.observations(tcp).isEmpty() && !checker.observations(inverted).isEmpty());
            assertTrue(checker.healthy(tcp));
            assertFalse(checker.healthy(inverted), "an inverted check of a live endpoint is unhealthy");
            await("disabled checks published", () -> !checker.healthy(forcedDown));
            assertTrue(checker.healthy(disabled));
            assertTrue(checker.observations(disabled).isEmpty(), "a disabled check is not probed");
            listening.close();
            await("the closed port fails", () -> !checker.healthy(tcp));
            assertTrue(checker.lastFailure(tcp).orElseThrow().status().startsWith("Failure: Connection refused"));
            await("the inverted check turns healthy", () -> checker.healthy(inverted));
        }
    }

    @Test
    void anUpdateAndADeleteAreFollowedOnTheNextTick() throws Exception {
        String id = create("followed", "HTTP", port(), "/", null, null, 1, false, false).id();
        await("healthy", () -> !checker.observations(id).isEmpty() && checker.healthy(id));
        checks.update(id, null, new HealthCheckConfig(null, null, null, null, null, null, 0, 0, false, true, false,
                null, List.of(), null, List.of()), List.of());
        await("the check, now inverted, reads unhealthy", () -> !checker.healthy(id));
        checks.delete(id);
        await("a deleted check no longer holds its records down", () -> checker.healthy(id));
    }

    @Test
    void calculatedChecksCountHealthyChildren() throws Exception {
        String up = create("child-up", "HTTP", port(), "/", null, null, 1, false, false).id();
        String down = create("child-down", "HTTP_STR_MATCH", port(), "/", null, "absent", 1, false, false).id();
        String both = checks.create("calc", new HealthCheckConfig("CALCULATED", null, null, null, null, null, 10, 3, false, false,
                false, 2, List.of(up, down), null, List.of())).id();
        String one = checks.create("calc-one", new HealthCheckConfig("CALCULATED", null, null, null, null, null, 10, 3, false, false,
                false, 1, List.of(up, down), null, List.of())).id();
        await("calculated", () -> !checker.observations(both).isEmpty() && !checker.observations(one).isEmpty());
        await("one of two children healthy", () -> !checker.healthy(both) && checker.healthy(one));
        assertEquals("Failure: 1 of 2 child health checks are healthy; HealthThreshold is 2", checker.observations(both).get(0).status());
    }

    /** A self-signed certificate made with the JDK's keytool: HTTPS checks must not validate it. */
    static javax.net.ssl.SSLContext selfSigned() throws Exception {
        java.nio.file.Path store = java.nio.file.Files.createTempFile(DataDirs.fresh("tls"), "cert", ".p12");
        java.nio.file.Files.delete(store);
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "test", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=endpoint.test",
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, "changeit".toCharArray());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void httpsChecksTalkTlsWithoutValidatingTheCertificateAndMatchStrings() throws Exception {
        com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(selfSigned()));
        https.createContext("/", ex -> {
            byte[] b = "tls endpoint ready".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        https.start();
        try {
            int port = https.getAddress().getPort();
            String plain = checks.create("https", new HealthCheckConfig("HTTPS", null, port, "/", "localhost", null, 1, 1, false,
                    false, false, null, List.of(), true, List.of())).id();
            String match = checks.create("https-str", new HealthCheckConfig("HTTPS_STR_MATCH", "127.0.0.1", port, "/", null,
                    "endpoint ready", 1, 1, false, false, false, null, List.of(), null, List.of())).id();
            await("both probed", () -> !checker.observations(plain).isEmpty() && !checker.observations(match).isEmpty());
            assertEquals("Success: HTTP Status Code 200, OK", checker.observations(plain).get(0).status());
            assertTrue(checker.observations(match).get(0).status().contains("Search string found"),
                    checker.observations(match).get(0).status());
            assertTrue(checker.healthy(plain) && checker.healthy(match));
        } finally {
            https.stop(0);
        }
    }
}
