package io.meridian.dashboard.api.route53;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.RRType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health page in Debian's headless Chromium (src/test/e2e/health.mjs): a health check turns
 * unhealthy in the page when its local target stops. The target is a JDK HTTP server on a free
 * loopback port; the script says when it has seen the check healthy, and this test then stops the
 * target and tells it so on its stdin. Skipped, like DashboardBrowserTest, without meridian.e2e.
 */
class HealthBrowserTest {
    static final String HEALTHY_SEEN = "ok: the check reads healthy on /ui/health";

    /** The endpoint the check probes: answers 200 on /health until stopped. */
    static final class Target implements AutoCloseable {
        private final HttpServer server;
        private boolean stopped;

        Target() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/health", exchange -> {
                byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public synchronized void close() {
            if (!stopped) {
                stopped = true;
                server.stop(0);
            }
        }
    }

    @Test
    void aHealthCheckTurnsUnhealthyInThePageWhenItsLocalTargetStops() throws Exception {
        BrowserScript.assumeAvailable();
        Path script = BrowserScript.install("health.mjs");
        Path shots = BrowserScript.screenshots();
        try (ApiTestServer server = ApiTestServer.start(); Target target = new Target()) {
            var r53 = server.client();
            String id = r53.createHealthCheck(b -> b.callerReference("browser-health").healthCheckConfig(c -> c
                    .type(HealthCheckType.HTTP).ipAddress("127.0.0.1").port(target.port()).resourcePath("/health")
                    .requestInterval(1).failureThreshold(1))).healthCheck().id();
            r53.createHealthCheck(b -> b.callerReference("browser-health-parent").healthCheckConfig(c -> c
                    .type(HealthCheckType.CALCULATED).childHealthChecks(id).healthThreshold(1).requestInterval(1)));
            String zone = r53.createHostedZone(b -> b.name("health.example").callerReference("browser-health-zone")).hostedZone().id();
            r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(
                    ch -> ch.action(ChangeAction.CREATE).resourceRecordSet(s -> s.name("www.health.example.").type(RRType.A).ttl(60L)
                            .setIdentifier("primary").failover("PRIMARY").healthCheckId(id).resourceRecords(v -> v.value("192.0.2.1"))),
                    ch -> ch.action(ChangeAction.CREATE).resourceRecordSet(s -> s.name("www.health.example.").type(RRType.A).ttl(60L)
                            .setIdentifier("secondary").failover("SECONDARY").resourceRecords(v -> v.value("192.0.2.2"))))));

            Process node = new ProcessBuilder("node", script.toString(), "http://127.0.0.1:" + server.port(),
                    "operator", ApiTestServer.OPERATOR_PASSWORD, shots.toString(), id)
                    .redirectErrorStream(true).start();
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> follow(node, target, out), "health-e2e-output");
            reader.start();
            try {
                boolean done = node.waitFor(120, TimeUnit.SECONDS);
                reader.join(5_000);
                String printed = printed(out);
                assertTrue(done, "the browser run did not finish in 120 s: " + printed);
                assertEquals(0, node.exitValue(), printed);
                assertTrue(printed.contains(HEALTHY_SEEN), printed);
                assertTrue(printed.contains("ok: the page turned unhealthy without a reload"), printed);
                assertTrue(printed.contains("ok: the failure reason is shown"), printed);
            } finally {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (String shot : new String[] {"health-healthy.png", "health-unhealthy.png"}) {
                assertTrue(Files.size(shots.resolve(shot)) > 5_000, shot + " was not written");
            }
        }
    }

    /** Keeps what the script prints; when it has seen the check healthy, stops the target and tells it. */
    private static void follow(Process node, Target target, StringBuilder out) {
        try (BufferedReader lines = node.inputReader(StandardCharsets.UTF_8); Writer toNode = node.outputWriter(StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (out) {
                    out.append(line).append('\n');
                }
                if (line.equals(HEALTHY_SEEN)) {
                    target.close();
                    toNode.write("target stopped\n");
                    toNode.flush();
                }
            }
        } catch (IOException e) {
            synchronized (out) {
                out.append("(reading the script's output failed: ").append(e).append(")\n");
            }
        }
    }

    private static String printed(StringBuilder out) {
        synchronized (out) {
            return out.toString();
        }
    }
}
