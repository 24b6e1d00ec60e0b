package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard over HTTP as a browser uses it: login (HttpOnly, SameSite=Strict cookie), the
 * overview, Explain through htmx with the CSRF header, refusal without it, logout.
 */
class DashboardTest {
    static ApiTestServer server;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = ApiTestServer.start();
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        var r53 = server.client();
        String zone = r53.createHostedZone(b -> b.name("ui.example").callerReference("ui-1")).hostedZone().id();
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(
                ch -> ch.action(ChangeAction.CREATE).resourceRecordSet(s -> s.name("www.ui.example.").type(RRType.A).ttl(60L)
                        .setIdentifier("blue").weight(1L).resourceRecords(v -> v.value("192.0.2.1"))),
                ch -> ch.action(ChangeAction.CREATE).resourceRecordSet(s -> s.name("www.ui.example.").type(RRType.A).ttl(60L)
                        .setIdentifier("green").weight(0L).resourceRecords(v -> v.value("192.0.2.2"))))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String cookie, String csrfHeader, String... form) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(form[i]).append('=')
                    .append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrfHeader != null) {
            b.header("X-CSRF-Token", csrfHeader).header("HX-Request", "true");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String login() throws Exception {
        HttpResponse<String> r = post("/login", null, null, "username", "operator", "password", ApiTestServer.OPERATOR_PASSWORD);
        assertEquals(302, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void everyPageNeedsALoginAndAWrongPasswordIsRefused() throws Exception {
        HttpResponse<String> anonymous = get("/ui", null);
        assertEquals(302, anonymous.statusCode());
        assertEquals("/login", anonymous.headers().firstValue("Location").orElseThrow());
        assertEquals(302, get("/", null).statusCode(), "the root leads to the dashboard, and so to the login");
        HttpResponse<String> wrong = post("/login", null, null, "username", "operator", "password", "guess");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("Wrong user name or password."));
        HttpResponse<String> nobody = post("/login", null, null, "username", "nobody", "password", "guess");
        assertEquals(401, nobody.statusCode(), "an unknown user gets the same answer");
        assertEquals(200, get("/webjars/htmx.org/2.0.10/dist/htmx.min.js", null).statusCode(), "htmx is served locally");
    }

    @Test
    void theOverviewListsZonesAndExplainShowsTheDecisionWithTheCsrfToken() throws Exception {
        String cookie = login();
        HttpResponse<String> overview = get("/ui", cookie);
        assertEquals(200, overview.statusCode());
        assertTrue(overview.body().contains("ui.example."), overview.body());
        Matcher m = Pattern.compile("X-CSRF-Token\\\\?\"?: ?\\\\?\"([A-Za-z0-9_-]+)").matcher(overview.body().replace("&quot;", "\""));
        assertTrue(m.find(), "the page hands htmx its CSRF token");
        String csrf = m.group(1);

        HttpResponse<String> refused = post("/ui/explain", cookie, null, "name", "www.ui.example", "type", "A");
        assertEquals(403, refused.statusCode(), "a POST without the session's CSRF token is refused");
        HttpResponse<String> explained = post("/ui/explain", cookie, csrf, "name", "www.ui.example", "type", "A",
                "resolver", "", "subnet", "198.51.100.0", "mask", "24");
        assertEquals(200, explained.statusCode(), explained.body());
        assertTrue(explained.body().contains("Weighted routing for www.ui.example A"), explained.body());
        assertTrue(explained.body().contains("<tr class=chosen><td>blue</td>"), explained.body());
        assertTrue(explained.body().contains("weight 0"), explained.body());
        HttpResponse<String> bad = post("/ui/explain", cookie, csrf, "name", "www.ui.example", "type", "A", "subnet", "not-an-ip");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("edns0clientsubnetip must be an IPv4 or IPv6 address"), bad.body());

        assertEquals(302, post("/logout", cookie, null, "csrf", csrf).statusCode());
        assertEquals(302, get("/ui", cookie).statusCode(), "logged out: the session is gone");
    }

    @Test
    void metricsNeedTheTokenOrALoginAndCountWhatDnsAnswered() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.ask("www.ui.example.", org.xbill.DNS.Type.A);
        }
        server.ask("nothing-here.ui.example.", org.xbill.DNS.Type.AAAA);
        assertEquals(401, get("/metrics", null).statusCode());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(url("/metrics")))
                .header("Authorization", "Bearer not-the-token").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(URI.create(url("/metrics")))
                .header("Authorization", "Bearer " + ApiTestServer.METRICS_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scraped.statusCode());
        assertTrue(scraped.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        Matcher noerror = Pattern.compile("meridian_dns_responses_total\\{rcode=\"NOERROR\"} (\\d+)").matcher(scraped.body());
        assertTrue(noerror.find() && Long.parseLong(noerror.group(1)) >= 3, scraped.body());
        assertTrue(scraped.body().contains("meridian_dns_responses_total{rcode=\"NXDOMAIN\"}"), scraped.body());
        assertTrue(scraped.body().contains("meridian_dns_queries_total{type=\"AAAA\"}"), scraped.body());
        assertTrue(scraped.body().contains("meridian_hosted_zones "), scraped.body());
        assertTrue(scraped.body().contains("meridian_query_log_dropped_total "), scraped.body());
        assertTrue(scraped.body().contains("meridian_query_log_sampled_out_total 0\n"), "a few queries: every one logged\n" + scraped.body());
        assertTrue(scraped.body().contains("# TYPE meridian_dns_latency_seconds histogram"), scraped.body());
        assertTrue(scraped.body().contains("meridian_dns_stage_seconds_bucket{stage=\"evaluate\",le=\"+Inf\"}"), scraped.body());
        Matcher weighted = Pattern.compile("meridian_dns_policy_decisions_total\\{policy=\"weighted\"} (\\d+)").matcher(scraped.body());
        assertTrue(weighted.find() && Long.parseLong(weighted.group(1)) >= 3, scraped.body());
        String cookie = login();
        assertEquals(200, get("/metrics", cookie).statusCode(), "a logged-in operator may read them too");
        HttpResponse<String> traffic = get("/ui/traffic", cookie);
        assertEquals(200, traffic.statusCode());
        assertTrue(traffic.body().contains("queries/s now") && traffic.body().contains("<svg"), traffic.body());
    }

    @Test
    void theQueryLogShowsQueriesInRoute53sFormatWithTheAnswerAndTheRoutedChoice() throws Exception {
        String cookie = login();
        server.ask("www.ui.example.", org.xbill.DNS.Type.A, "198.51.100.0", 24);
        // Weight 0 for green: blue always wins, so the line's choice is known.
        Pattern line = Pattern.compile("1\\.0 \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z Z[A-Z0-9]+ www\\.ui\\.example A NOERROR UDP local"
                + " 127\\.0\\.0\\.1 198\\.51\\.100\\.0/24 <span class=extras>answer=&quot;192\\.0\\.2\\.1&quot; set=&quot;blue&quot;"
                + " policy=&quot;weighted&quot; latency_us=\\d+");
        String body = "";
        for (int i = 0; i < 40 && !line.matcher(body).find(); i++) {
            Thread.sleep(100);
            body = get("/ui/log", cookie).body();
        }
        assertTrue(line.matcher(body).find(), body);
        assertEquals(302, get("/ui/log", null).statusCode(), "the log needs a login");

        // The same line went to the log file the server rolls.
        java.nio.file.Path file = server.dataDir.resolve("querylog").resolve("queries.log");
        String written = "";
        for (int i = 0; i < 40 && !written.contains("198.51.100.0/24 answer="); i++) {
            Thread.sleep(100);
            written = java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "";
        }
        assertTrue(written.contains("www.ui.example A NOERROR UDP local 127.0.0.1 198.51.100.0/24 answer=\"192.0.2.1\" set=\"blue\""
                + " policy=\"weighted\""), written);
    }

    @Test
    void theQueryLogFiltersByTypeRcodeAndClientAndRefusesABadPrefix() throws Exception {
        String cookie = login();
        server.ask("www.ui.example.", org.xbill.DNS.Type.A);
        server.ask("missing.ui.example.", org.xbill.DNS.Type.TXT);
        String all = "";
        for (int i = 0; i < 40 && !(all.contains("missing.ui.example TXT NXDOMAIN")); i++) {
            Thread.sleep(100);
            all = get("/ui/log/lines", cookie).body();
        }
        assertTrue(all.contains("www.ui.example A NOERROR") && all.contains("missing.ui.example TXT NXDOMAIN"), all);
        String nx = get("/ui/log/lines?rcode=NXDOMAIN&type=TXT", cookie).body();
        assertTrue(nx.contains("missing.ui.example TXT NXDOMAIN") && !nx.contains(" A NOERROR"), nx);
        assertTrue(nx.contains("sse-connect=\"/ui/log/stream?type=TXT&amp;rcode=NXDOMAIN\""), "the stream gets the same filter: " + nx);
        String elsewhere = get("/ui/log/lines?client=10.0.0.0/8", cookie).body();
        assertTrue(!elsewhere.contains("ui.example"), "no query came from 10/8: " + elsewhere);
        String mine = get("/ui/log/lines?client=127.0.0.0/8&name=missing", cookie).body();
        assertTrue(mine.contains("missing.ui.example") && !mine.contains("www.ui.example"), mine);
        String bad = get("/ui/log/lines?client=not-an-address", cookie).body();
        assertTrue(bad.contains("class=error") && bad.contains("not an address"), bad);
        String page = get("/ui/log?type=TXT", cookie).body();
        assertTrue(page.contains("id=pause") && page.contains("<option selected>TXT</option>"), page);
    }

    @Test
    void theLiveLogHasEveryQueryFormattedOnlyWhileAStreamIsOpen() throws Exception {
        String cookie = login();
        server.ask("before.ui.example.", org.xbill.DNS.Type.A);
        assertTrue(get("/ui/log/lines", cookie).body().contains("before.ui.example A NXDOMAIN"),
                "a page that opens reads the last queries from the data plane");
        assertEquals(0, server.plane.queryLog().listeners(), "nobody watching: the pump only counts names");

        HttpRequest stream = HttpRequest.newBuilder(URI.create(url("/ui/log/stream?name=streamed"))).header("Cookie", cookie)
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> open = http.send(stream, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.BufferedReader events = new java.io.BufferedReader(new java.io.InputStreamReader(open.body(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < 50 && server.plane.queryLog().listeners() == 0; i++) {
                Thread.sleep(20); // the headers may come before the stream is attached
            }
            assertEquals(1, server.plane.queryLog().listeners(), "status " + open.statusCode() + " " + open.headers().map());
            server.ask("streamed.ui.example.", org.xbill.DNS.Type.A);
            String line = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
                String l;
                do {
                    l = events.readLine();
                } while (l != null && !l.contains("streamed.ui.example A NXDOMAIN"));
                return l;
            });
            assertNotNull(line, "the open stream got the new query");
        }
        // The server learns the stream is gone when it next writes to it.
        for (int i = 0; i < 50 && server.plane.queryLog().listeners() > 0; i++) {
            server.ask("streamed.ui.example.", org.xbill.DNS.Type.A);
            Thread.sleep(100);
        }
        assertEquals(0, server.plane.queryLog().listeners(), "the stream closed: the pump stops formatting");
    }

    @Test
    void theOverviewShowsLatencyPercentilesAnswersByRcodeAndTopNames() throws Exception {
        String cookie = login();
        for (int i = 0; i < 20; i++) {
            server.ask("www.ui.example.", org.xbill.DNS.Type.A);
        }
        String stats = "";
        // Latency is collected once a second and names come from the log: give both a moment.
        for (int i = 0; i < 50 && !(stats.contains("www.ui.example.") && stats.matches("(?s).*<td>total</td><td>[1-9].*")); i++) {
            Thread.sleep(100);
            stats = get("/ui/stats", cookie).body();
        }
        assertTrue(stats.contains("<th>p50</th><th>p90</th><th>p99</th><th>p99.9</th>"), stats);
        assertTrue(stats.matches("(?s).*<td>total</td><td>[1-9]\\d*</td><td>[0-9.]+</td>.*"), stats);
        assertTrue(stats.contains("<td>evaluate</td>") && stats.contains("<td>NOERROR</td>"), stats);
        assertTrue(stats.contains("Top names") && stats.contains("<td>www.ui.example.</td>") && stats.contains("<td>ui.example.</td>"), stats);
        assertTrue(get("/ui", cookie).body().contains("hx-get=\"/ui/stats\""), "the overview refreshes them");
    }
}
