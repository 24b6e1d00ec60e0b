package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in Debian's headless Chromium, driven by playwright-core (src/test/e2e): login,
 * overview, the live query log with a filter and pause, Explain, logout, with screenshots in target/screenshots. scripts/test installs
 * Chromium and playwright-core and passes their directory as meridian.e2e; a bare mvn run skips it.
 */
class DashboardBrowserTest {

    @Test
    void anOperatorLogsInReadsTheOverviewAndExplainsAnAnswer() throws Exception {
        BrowserScript.assumeAvailable();
        Path shots = BrowserScript.screenshots();
        try (ApiTestServer server = ApiTestServer.start()) {
            var r53 = server.client();
            String zone = r53.createHostedZone(b -> b.name("browser.example").callerReference("browser-1")).hostedZone().id();
            r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(
                    ch -> ch.action(ChangeAction.CREATE).resourceRecordSet(s -> s.name("www.browser.example.").type(RRType.A).ttl(60L)
                            .setIdentifier("blue").weight(5L).resourceRecords(v -> v.value("192.0.2.1"))),
                    ch -> ch.action(ChangeAction.CREATE).resourceRecordSet(s -> s.name("www.browser.example.").type(RRType.A).ttl(60L)
                            .setIdentifier("green").weight(0L).resourceRecords(v -> v.value("192.0.2.2"))))));
            r53.createHealthCheck(b -> b.callerReference("browser-hc").healthCheckConfig(c -> c
                    .type(software.amazon.awssdk.services.route53.model.HealthCheckType.TCP).ipAddress("127.0.2.91").port(9)
                    .requestInterval(1).failureThreshold(1)));
            String out = BrowserScript.run("dashboard.mjs", "http://127.0.0.1:" + server.port(), "operator",
                    ApiTestServer.OPERATOR_PASSWORD, shots.toString(), Integer.toString(server.plane.server().udpAddress().getPort()));
            assertTrue(out.contains("ok: Explain shows the weighted decision and the winner"), out);
            assertTrue(out.contains("ok: a query sent over DNS appears in the live log within 2 s"), out);
            assertTrue(out.contains("ok: resume shows the held lines"), out);
            for (String shot : new String[] {"login.png", "overview.png", "querylog.png", "querylog-paused.png", "overview-traffic.png", "explain.png"}) {
                assertTrue(Files.size(shots.resolve(shot)) > 5_000, shot + " was not written");
            }
        }
    }
}
