package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.RRType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.meridian.dashboard.api.route53.DashboardTest.get;
import static io.meridian.dashboard.api.route53.DashboardTest.login;
import static io.meridian.dashboard.api.route53.DashboardTest.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health page over HTTP, on DashboardTest's server and with its helpers (login, GET, POST
 * with or without the CSRF header): each check's status, timeline, last failure, latency and
 * dependents; the fragment htmx polls; disable/enable/invert; the overview's summary.
 */
class HealthPageTest {
    /** A loopback port that accepts connections, for a TCP check that passes. */
    static ServerSocket listening;

    @BeforeAll
    static void start() throws Exception {
        DashboardTest.start();
        listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void stop() throws Exception {
        listening.close();
        DashboardTest.stop();
    }

    static String tcpCheck(String ref, int port) {
        return DashboardTest.server.client().createHealthCheck(b -> b.callerReference(ref).healthCheckConfig(c -> c
                .type(HealthCheckType.TCP).ipAddress("127.0.0.1").port(port).requestInterval(1).failureThreshold(1)))
                .healthCheck().id();
    }

    /** A loopback port nothing listens on: connections to it are refused at once. */
    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The fragment htmx polls, once it contains {@code expected} (probes run every second). */
    static String checksOnceTheyShow(String cookie, String expected) throws Exception {
        return checksOnceTheyShow(cookie, body -> body.contains(expected), expected);
    }

    /** The fragment htmx polls, once {@code shown} holds for it. */
    static String checksOnceTheyShow(String cookie, java.util.function.Predicate<String> shown, String what) throws Exception {
        String body = "";
        for (int i = 0; i < 50 && !shown.test(body); i++) {
            Thread.sleep(100);
            HttpResponse<String> r = get("/ui/health/checks", cookie);
            assertEquals(200, r.statusCode(), r.body());
            body = r.body();
        }
        assertTrue(shown.test(body), "never showed " + what + ": " + body);
        return body;
    }

    /** The HTML of one check's card in the fragment. */
    static String card(String fragment, String id) {
        int start = fragment.indexOf("<section class=check id=\"check-" + id + "\">");
        assertTrue(start >= 0, "no card for " + id + ": " + fragment);
        return fragment.substring(start, fragment.indexOf("</section>", start));
    }

    @Test
    void eachCheckShowsItsStatusTimelineLastFailureLatencyAndWhatDependsOnIt() throws Exception {
        var r53 = DashboardTest.server.client();
        int refused = closedPort();
        String up = tcpCheck("page-up", listening.getLocalPort());
        String down = tcpCheck("page-down", refused);
        String parent = r53.createHealthCheck(b -> b.callerReference("page-parent").healthCheckConfig(c -> c
                .type(HealthCheckType.CALCULATED).childHealthChecks(up, down).healthThreshold(2).requestInterval(1)))
                .healthCheck().id();
        String zone = DashboardTest.server.plane.zones().list().stream().filter(z -> z.origin().equals("ui.example."))
                .findFirst().orElseThrow().id();
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(
                ch -> ch.action(ChangeAction.CREATE).resourceRecordSet(s -> s.name("api.ui.example.").type(RRType.A).ttl(60L)
                        .setIdentifier("api-east").weight(1L).healthCheckId(down).resourceRecords(v -> v.value("192.0.2.10"))))));

        String cookie = login();
        HttpResponse<String> page = get("/ui/health", cookie);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("hx-get=\"/ui/health/checks\" hx-trigger=\"every 2s\""), "the list refreshes itself");
        assertTrue(page.body().contains("<a href=\"/ui/health\">Health</a>"), "the navigation leads here");

        String failure = "Failure: Connection refused by 127.0.0.1:" + refused + ".";
        // A probe's result is kept a moment before the status it leads to is published: a poll
        // between the two shows the failure under the old status, so wait for both.
        String badge = "<span class=\"badge down\">unhealthy</span>";
        String fragment = checksOnceTheyShow(cookie, body -> body.contains("<span class=down>" + failure + "</span>")
                && card(body, down).contains(badge), failure + " under " + badge);
        String downCard = card(fragment, down);
        assertTrue(downCard.contains("<code>127.0.0.1:" + refused + "</code>"), downCard);
        Matcher tick = Pattern.compile("class=fail><title>\\d\\d:\\d\\d:\\d\\d UTC · \\d+ ms\n" + Pattern.quote(failure) + "</title>")
                .matcher(downCard);
        assertTrue(tick.find(), "a red tick whose tooltip gives time, latency and status: " + downCard);
        assertTrue(downCard.contains("<li><code>api.ui.example. A</code> set <b>api-east</b> · weighted routing <span class=muted>· zone ui.example.</span></li>"),
                downCard);
        assertTrue(downCard.contains("<li>CALCULATED check <a href=\"#check-" + parent + "\">"), downCard);
        assertTrue(downCard.contains("probe latency: last <b>"), downCard);

        String upCard = card(checksOnceTheyShow(cookie, "Success: TCP connection established with 127.0.0.1:" + listening.getLocalPort()), up);
        assertTrue(upCard.contains("<span class=\"badge ok\">healthy</span>"), upCard);
        assertTrue(upCard.contains("class=pass><title>"), upCard);
        assertTrue(upCard.contains("<dt>Last failure</dt><dd><span class=muted>none seen</span>"), upCard);
        assertFalse(upCard.contains("api.ui.example."), "only the record sets that name a check are listed under it");

        String parentCard = card(checksOnceTheyShow(cookie, body -> body.contains("1 of 2 child health checks are healthy")
                && card(body, parent).contains(badge), "the parent's result under " + badge), parent);
        assertTrue(parentCard.contains("no probe of its own"), parentCard);

        assertTrue(get("/ui", cookie).body().contains("<a href=\"/ui/health\">Open the health page</a>"), "the overview links here");
    }

    @Test
    void thePageNeedsALogin() throws Exception {
        HttpResponse<String> page = get("/ui/health", null);
        assertEquals(302, page.statusCode());
        assertEquals("/login", page.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> polled = DashboardTest.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(DashboardTest.url("/ui/health/checks"))).header("HX-Request", "true").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, polled.statusCode(), "a poll after the session ended sends htmx to the login page");
        assertEquals("/login", polled.headers().firstValue("HX-Redirect").orElseThrow());
    }

    @Test
    void checksAreDisabledAndInvertedFromThePageWithVersionedUpdates() throws Exception {
        var r53 = DashboardTest.server.client();
        String id = tcpCheck("page-actions", closedPort());
        String cookie = login();
        String page = get("/ui/health", cookie).body();
        assertTrue(page.contains("hx-post=\"/ui/health/" + id + "/disable\""), page);
        Matcher m = Pattern.compile("name=csrf value=\"([A-Za-z0-9_-]+)\"").matcher(page);
        assertTrue(m.find());
        String csrf = m.group(1);
        assertEquals(403, post("/ui/health/" + id + "/disable", cookie, null).statusCode(), "no CSRF token, no change");

        HttpResponse<String> plain = post("/ui/health/" + id + "/disable", cookie, null, "csrf", csrf);
        assertEquals(302, plain.statusCode(), "a form posted without htmx comes back to the page");
        assertEquals("/ui/health", plain.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> htmx = post("/ui/health/" + id + "/invert", cookie, csrf);
        assertEquals(200, htmx.statusCode(), htmx.body());
        String updated = card(htmx.body(), id);
        assertTrue(updated.contains("hx-post=\"/ui/health/" + id + "/enable\"") && updated.contains(">Un-invert</button>"), updated);
        assertTrue(updated.contains("<span class=tag>disabled: not probed</span><span class=tag>inverted</span>"), updated);

        var check = r53.getHealthCheck(b -> b.healthCheckId(id)).healthCheck();
        assertTrue(check.healthCheckConfig().disabled() && check.healthCheckConfig().inverted());
        assertEquals(3L, check.healthCheckVersion(), "each change is a versioned update, as through the API");
        assertEquals(404, post("/ui/health/no-such-check/disable", cookie, csrf).statusCode());
        assertEquals(404, post("/ui/health/" + id + "/explode", cookie, csrf).statusCode());
    }
}
