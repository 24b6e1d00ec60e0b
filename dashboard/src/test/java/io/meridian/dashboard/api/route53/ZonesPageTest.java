package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.CidrCollectionChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetRegion;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's zones and record-set pages over HTTP, as a browser's forms use them: every
 * change checked through the Route 53 API (the AWS SDK) and over DNS, since both faces share the
 * control services.
 */
class ZonesPageTest {
    static ApiTestServer server;
    static Route53Client r53;
    static DashboardSession browser;

    @BeforeAll
    static void start() throws Exception {
        server = ApiTestServer.start();
        r53 = server.client();
        browser = DashboardSession.login(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Creates a zone through the form; returns its Id, read from where the form leads. */
    static String createZone(String name, String comment) throws Exception {
        HttpResponse<String> r = browser.post("/ui/zones", "name", name, "comment", comment);
        assertEquals(303, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/ui/zones/Z"), location);
        return location.substring("/ui/zones/".length());
    }

    static HttpResponse<String> save(String zoneId, String... fields) throws Exception {
        return browser.post("/ui/zones/" + zoneId + "/rrset", fields);
    }

    static Map<String, ResourceRecordSet> listed(String zoneId) {
        return r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId)).resourceRecordSets().stream()
                .collect(Collectors.toMap(s -> s.name() + " " + s.typeAsString() + " " + s.setIdentifier(), Function.identity()));
    }

    /** The label of a form field, from its opening tag to its close: where its errors must be. */
    static String label(String page, String field) {
        Matcher m = Pattern.compile("<label[^>]*for=f-" + field + ">.*?</label>", Pattern.DOTALL).matcher(page);
        assertTrue(m.find(), "no field " + field + " in " + page);
        return m.group();
    }

    @Test
    void aZoneIsCreatedListedAndDeletedOnlyOnceItHoldsNothingButSoaAndNs() throws Exception {
        String id = createZone("life.example", "made in the browser");
        String list = browser.get("/ui/zones").body();
        assertTrue(list.contains("life.example.") && list.contains(id) && list.contains("made in the browser"), list);
        assertEquals("made in the browser", r53.getHostedZone(b -> b.id(id)).hostedZone().config().comment(),
                "the API sees the zone the form made");

        HttpResponse<String> twice = browser.post("/ui/zones", "name", "life.example", "comment", "again");
        assertEquals(400, twice.statusCode());
        assertTrue(label(twice.body(), "name").contains("is already hosted on this appliance as " + id), twice.body());
        assertTrue(label(twice.body(), "comment").contains("value=\"again\""), "what was typed stays");

        assertEquals(303, save(id, "name", "www", "type", "A", "policy", "simple", "target", "values", "ttl", "60",
                "values", "192.0.2.10").statusCode());
        assertTrue(browser.get("/ui/zones/" + id + "/delete").body().contains("Delete the hosted zone life.example.?"));
        HttpResponse<String> refused = browser.post("/ui/zones/" + id + "/delete");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("The hosted zone contains resource records that are not SOA or NS records."),
                refused.body());

        String delete = browser.get("/ui/zones/" + id + "/rrset/delete?name=www.life.example.&type=A").body();
        assertTrue(delete.contains("Delete the record set www.life.example. A?") && delete.contains("192.0.2.10"), delete);
        assertEquals(303, browser.post("/ui/zones/" + id + "/rrset/delete", "name", "www.life.example.", "type", "A").statusCode());
        assertEquals(303, browser.post("/ui/zones/" + id + "/delete").statusCode());
        assertFalse(browser.get("/ui/zones").body().contains("life.example."));
        assertEquals(404, browser.get("/ui/zones/" + id).statusCode());
        assertTrue(r53.listHostedZones().hostedZones().stream().noneMatch(z -> z.name().equals("life.example.")));
    }

    @Test
    void everyRoutingPolicyAndAnAliasAreCreatedThroughTheForm() throws Exception {
        String id = createZone("policies.example", "");
        String check = r53.createHealthCheck(b -> b.callerReference("zones-page-hc").healthCheckConfig(c -> c
                .type(HealthCheckType.TCP).ipAddress("127.0.2.92").port(9))).healthCheck().id();
        String collection = r53.createCidrCollection(b -> b.name("offices").callerReference("zones-page-cidr")).collection().id();
        r53.changeCidrCollection(b -> b.id(collection).changes(c -> c.action(CidrCollectionChangeAction.PUT)
                .locationName("paris").cidrList("198.51.100.0/24")));
        String[][] forms = {
                {"name", "simple", "type", "TXT", "policy", "simple", "ttl", "300", "values", "\"v=spf1 -all\"\n\"second\""},
                {"name", "w", "policy", "weighted", "setIdentifier", "blue", "weight", "10", "values", "192.0.2.1",
                        "healthCheckId", check},
                {"name", "w", "policy", "weighted", "setIdentifier", "green", "weight", "0", "values", "192.0.2.2"},
                {"name", "lat", "policy", "latency", "setIdentifier", "east", "region", "us-east-1", "values", "192.0.2.3"},
                {"name", "fo", "policy", "failover", "setIdentifier", "main", "failover", "PRIMARY", "values", "192.0.2.4",
                        "healthCheckId", check},
                {"name", "geo", "policy", "geolocation", "setIdentifier", "fr", "country", "FR", "values", "192.0.2.5"},
                {"name", "geo", "policy", "geolocation", "setIdentifier", "europe", "continent", "EU", "values", "192.0.2.6"},
                {"name", "prox", "policy", "geoproximity", "setIdentifier", "paris", "latitude", "48.85", "longitude", "2.35",
                        "bias", "10", "values", "192.0.2.7"},
                {"name", "multi", "policy", "multivalue", "setIdentifier", "one", "values", "192.0.2.8", "healthCheckId", check},
                {"name", "cidr", "policy", "ipbased", "setIdentifier", "office", "collection", collection, "location", "paris",
                        "values", "192.0.2.9"},
                {"name", "alias", "policy", "simple", "target", "alias", "aliasZone", id, "aliasName", "simple.policies.example.",
                        "evaluateTargetHealth", "true", "type", "TXT"},
        };
        for (String[] form : forms) {
            String[] full = java.util.stream.Stream.concat(java.util.stream.Stream.of("type", "A", "target", "values", "ttl", "60"),
                    java.util.Arrays.stream(form)).toArray(String[]::new);
            HttpResponse<String> r = save(id, lastWins(full));
            assertEquals(303, r.statusCode(), String.join(" ", form) + " -> " + r.body());
        }
        Map<String, ResourceRecordSet> sets = listed(id);
        assertEquals(List.of("\"v=spf1 -all\"", "\"second\""), sets.get("simple.policies.example. TXT null").resourceRecords()
                .stream().map(ResourceRecord::value).toList(), "one value per line");
        ResourceRecordSet blue = sets.get("w.policies.example. A blue");
        assertEquals(10L, blue.weight());
        assertEquals(check, blue.healthCheckId());
        assertEquals(0L, sets.get("w.policies.example. A green").weight());
        assertEquals(ResourceRecordSetRegion.US_EAST_1, sets.get("lat.policies.example. A east").region());
        assertEquals(ResourceRecordSetFailover.PRIMARY, sets.get("fo.policies.example. A main").failover());
        assertEquals("FR", sets.get("geo.policies.example. A fr").geoLocation().countryCode());
        assertEquals("EU", sets.get("geo.policies.example. A europe").geoLocation().continentCode());
        ResourceRecordSet prox = sets.get("prox.policies.example. A paris");
        assertEquals("48.85", prox.geoProximityLocation().coordinates().latitude());
        assertEquals(10, prox.geoProximityLocation().bias());
        assertTrue(sets.get("multi.policies.example. A one").multiValueAnswer());
        assertEquals("paris", sets.get("cidr.policies.example. A office").cidrRoutingConfig().locationName());
        ResourceRecordSet alias = sets.get("alias.policies.example. TXT null");
        assertEquals("simple.policies.example.", alias.aliasTarget().dnsName());
        assertTrue(alias.aliasTarget().evaluateTargetHealth());

        String page = browser.get("/ui/zones/" + id).body();
        List<String> apiOrder = r53.listResourceRecordSets(b -> b.hostedZoneId(id)).resourceRecordSets().stream()
                .map(s -> "name=" + java.net.URLEncoder.encode(s.name(), java.nio.charset.StandardCharsets.UTF_8) + "&amp;type="
                        + s.typeAsString() + (s.setIdentifier() == null ? "" : "&amp;set=" + s.setIdentifier())).toList();
        List<Integer> positions = apiOrder.stream().map(k -> page.indexOf("/rrset?" + k + "\"")).toList();
        assertFalse(positions.contains(-1), "every set has an edit link: " + positions);
        assertEquals(positions.stream().sorted().toList(), positions, "the page lists the sets in Route 53's order");
        assertTrue(page.contains("Weighted 10 <span class=tag>blue</span>"), page);
        assertEquals("192.0.2.9", server.ask("cidr.policies.example.", org.xbill.DNS.Type.A, "198.51.100.0", 24)
                .getSection(org.xbill.DNS.Section.ANSWER).get(0).rdataToString(), "the data plane answers what the form made");
    }

    /** The fields with later duplicates overriding earlier ones, as a test's defaults are overridden. */
    private static String[] lastWins(String[] fields) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            m.put(fields[i], fields[i + 1]);
        }
        return m.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new);
    }

    @Test
    void anEditIsAnUpsertAndARenameReplacesTheOldSet() throws Exception {
        String id = createZone("edit.example", "");
        assertEquals(303, save(id, "name", "api", "type", "A", "policy", "weighted", "setIdentifier", "a", "weight", "5",
                "target", "values", "ttl", "60", "values", "192.0.2.20").statusCode());
        String form = browser.get("/ui/zones/" + id + "/rrset?name=api.edit.example.&type=A&set=a").body();
        assertTrue(label(form, "weight").contains("value=\"5\"") && label(form, "name").contains("value=\"api\""), form);
        assertTrue(form.contains("name=origSet value=\"a\""), form);

        assertEquals(303, save(id, "origName", "api.edit.example.", "origType", "A", "origSet", "a", "name", "api", "type", "A",
                "policy", "weighted", "setIdentifier", "a", "weight", "7", "target", "values", "ttl", "60",
                "values", "192.0.2.20\n192.0.2.21").statusCode());
        ResourceRecordSet upserted = listed(id).get("api.edit.example. A a");
        assertEquals(7L, upserted.weight());
        assertEquals(2, upserted.resourceRecords().size());

        assertEquals(303, save(id, "origName", "api.edit.example.", "origType", "A", "origSet", "a", "name", "api2", "type", "A",
                "policy", "simple", "target", "values", "ttl", "120", "values", "192.0.2.22").statusCode());
        Map<String, ResourceRecordSet> after = listed(id);
        assertFalse(after.containsKey("api.edit.example. A a"), "the renamed set does not linger: " + after.keySet());
        assertEquals(120L, after.get("api2.edit.example. A null").ttl());
        assertEquals("192.0.2.22", server.ask("api2.edit.example.", org.xbill.DNS.Type.A)
                .getSection(org.xbill.DNS.Section.ANSWER).get(0).rdataToString());
    }

    @Test
    void refusalsShowBesideTheirFieldsAndTheFormKeepsWhatWasTyped() throws Exception {
        String id = createZone("errors.example", "");
        HttpResponse<String> weight = save(id, "name", "w", "type", "A", "policy", "weighted", "setIdentifier", "blue",
                "weight", "300", "target", "values", "ttl", "60", "values", "192.0.2.1\n192.0.2.2");
        assertEquals(400, weight.statusCode());
        String w = label(weight.body(), "weight");
        assertTrue(w.startsWith("<label class=invalid") && w.contains("value=\"300\"")
                && w.contains("<span class=field-error>Weight must be between 0 and 255, got 300</span>"), w);
        assertTrue(label(weight.body(), "values").contains(">192.0.2.1\n192.0.2.2</textarea>"), "typed values stay");
        assertTrue(label(weight.body(), "setIdentifier").contains("value=\"blue\""));
        assertFalse(label(weight.body(), "ttl").contains("field-error"), "only the field at fault is marked");

        HttpResponse<String> batch = save(id, "name", "bad", "type", "A", "policy", "simple", "target", "values", "ttl", "60",
                "values", "not-an-address", "healthCheckId", "no-such-check");
        assertEquals(400, batch.statusCode());
        assertTrue(label(batch.body(), "healthCheckId").contains("No health check exists with the ID no-such-check"), batch.body());

        HttpResponse<String> values = save(id, "name", "bad", "type", "A", "policy", "simple", "target", "values", "ttl", "soon",
                "values", "192.0.2.1");
        assertTrue(label(values.body(), "ttl").contains("TTL must be a whole number of seconds"), values.body());
        HttpResponse<String> rdata = save(id, "name", "bad", "type", "A", "policy", "simple", "target", "values", "ttl", "60",
                "values", "not-an-address");
        assertTrue(label(rdata.body(), "values").contains("Invalid Resource Record"), rdata.body());

        assertEquals(303, save(id, "name", "taken", "type", "A", "policy", "simple", "target", "values", "ttl", "60",
                "values", "192.0.2.1").statusCode());
        HttpResponse<String> taken = save(id, "name", "taken", "type", "A", "policy", "simple", "target", "values", "ttl", "60",
                "values", "192.0.2.2");
        assertTrue(label(taken.body(), "name").contains("but it already exists"), taken.body());
        HttpResponse<String> geo = save(id, "name", "geo", "type", "A", "policy", "geolocation", "setIdentifier", "x",
                "continent", "EU", "country", "FR", "target", "values", "ttl", "60", "values", "192.0.2.1");
        assertTrue(geo.body().contains("<div class=group-error><span class=field-error>GeoLocation takes a ContinentCode or a"
                + " CountryCode"), geo.body());
        HttpResponse<String> apex = save(id, "name", "", "type", "CNAME", "policy", "simple", "target", "values", "ttl", "60",
                "values", "elsewhere.example.");
        assertTrue(label(apex.body(), "name").contains("is not permitted at apex"), apex.body());
        assertEquals(1, listed(id).keySet().stream().filter(k -> !k.contains(" SOA ") && !k.contains(" NS ")).count(),
                "no refused form changed the zone");
    }

    @Test
    void formsWithoutTheSessionsCsrfTokenChangeNothing() throws Exception {
        String id = createZone("csrf.example", "");
        assertEquals(403, browser.postWithoutToken("/ui/zones", "name", "forged.example").statusCode());
        assertEquals(403, browser.postWithoutToken("/ui/zones/" + id + "/rrset", "name", "x", "type", "A", "policy", "simple",
                "target", "values", "ttl", "60", "values", "192.0.2.1", "csrf", "not-the-token").statusCode());
        assertEquals(403, browser.postWithoutToken("/ui/zones/" + id + "/delete").statusCode());
        assertTrue(r53.listHostedZones().hostedZones().stream().noneMatch(z -> z.name().equals("forged.example.")));
        assertEquals(2, listed(id).size(), "only the SOA and NS");
    }

    @Test
    void aZoneFileImportedThroughTheFormExportsTheSameRecords() throws Exception {
        String file = """
                $ORIGIN imported.example.
                $TTL 300
                @ SOA ns1.appliance.test. hostmaster 2024060101 7200 900 1209600 86400
                @ NS ns1.appliance.test.
                www A 192.0.2.30
                *.apps CNAME www
                mail MX 10 mx.elsewhere.example.
                """;
        HttpResponse<String> imported = browser.postMultipart("/ui/zones/import", "file", "imported.zone", file, "origin", "");
        assertEquals(303, imported.statusCode(), imported.body());
        String location = imported.headers().firstValue("Location").orElseThrow();
        String id = location.replaceAll("^/ui/zones/|\\?.*$", "");
        assertTrue(browser.get(location).body().contains("Zone file imported: 5 records."));
        assertEquals("192.0.2.30", server.ask("x.apps.imported.example.", org.xbill.DNS.Type.A)
                .getSection(org.xbill.DNS.Section.ANSWER).get(1).rdataToString());

        HttpResponse<String> export = browser.get("/ui/zones/" + id + "/export");
        assertEquals(200, export.statusCode());
        assertEquals("attachment; filename=\"imported.example.zone\"", export.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(export.body().contains("192.0.2.30") && export.body().contains("2024060101"), export.body());
        HttpResponse<String> again = browser.postMultipart("/ui/zones/import", "file", "", "", "origin", "imported.example.",
                "zonefile", export.body());
        assertEquals(303, again.statusCode(), again.body());
        assertEquals(export.body(), browser.get("/ui/zones/" + id + "/export").body(), "pasting the export back changes nothing");

        HttpResponse<String> broken = browser.postMultipart("/ui/zones/import", "file", "broken.zone",
                file + "bad A 192.0.2.300\n", "origin", "");
        assertEquals(400, broken.statusCode());
        assertTrue(label(broken.body(), "file").contains("broken.zone:8"), broken.body());
        assertEquals(export.body(), browser.get("/ui/zones/" + id + "/export").body(), "a refused file changes nothing");
    }

    @Test
    void theRecordSetTableFiltersAsYouTypeAndPages() throws Exception {
        StringBuilder file = new StringBuilder("$ORIGIN many.example.\n$TTL 300\n@ SOA ns1.appliance.test. hostmaster 1 7200 900 1209600 86400\n"
                + "@ NS ns1.appliance.test.\n");
        for (int i = 1; i <= 120; i++) {
            file.append("host").append(i).append(" A 192.0.2.").append(i).append('\n');
        }
        file.append("host7 TXT \"seven\"\n");
        String id = browser.postMultipart("/ui/zones/import", "file", "", "", "origin", "", "zonefile", file.toString())
                .headers().firstValue("Location").orElseThrow().replaceAll("^/ui/zones/|\\?.*$", "");
        String first = browser.get("/ui/zones/" + id).body();
        assertTrue(first.contains("1–50 of 123") && first.contains("page=2") && first.startsWith("<!doctype html>"), first);
        String second = browser.htmxGet("/ui/zones/" + id + "?name=&type=&page=2", "rrsets").body();
        assertTrue(second.startsWith("<div id=rrsets>") && second.contains("51–100 of 123"), "htmx gets the table alone: " + second);

        String host7 = browser.htmxGet("/ui/zones/" + id + "?name=HOST7&type=", "rrsets").body();
        assertTrue(host7.contains("1–12 of 12 matching (123 in all)"), host7);
        assertTrue(host7.contains("&quot;seven&quot;") && host7.contains("192.0.2.70") && !host7.contains("192.0.2.8<"), host7);
        String txt = browser.htmxGet("/ui/zones/" + id + "?name=host7&type=TXT", "rrsets").body();
        assertTrue(txt.contains("1–1 of 1 matching (123 in all)") && !txt.contains("192.0.2.7<"), txt);
    }

    @Test
    void thePolicyFieldsFollowTheChosenPolicyAndKeepWhatWasTyped() throws Exception {
        String id = createZone("fields.example", "");
        String weighted = browser.htmxPost("/ui/zones/" + id + "/rrset/form", "name", "typed", "type", "AAAA", "policy", "weighted",
                "target", "values", "ttl", "42", "values", "2001:db8::1").body();
        assertTrue(weighted.startsWith("<form id=record-form"), "htmx swaps the form alone: " + weighted);
        assertTrue(label(weighted, "weight").contains("name=weight") && label(weighted, "name").contains("value=\"typed\""), weighted);
        assertTrue(label(weighted, "ttl").contains("value=\"42\"") && weighted.contains("<option value=\"AAAA\" selected>"), weighted);
        assertFalse(weighted.contains("name=region"), "no other policy's fields");
        String latency = browser.htmxPost("/ui/zones/" + id + "/rrset/form", "policy", "latency", "target", "alias", "weight", "7",
                "ttl", "42", "values", "2001:db8::1").body();
        assertTrue(latency.contains("name=region") && !latency.contains("name=weight id="), latency);
        assertTrue(latency.contains("name=aliasName") && !latency.contains("name=ttl id="), "an alias has a target, not values");
        assertTrue(latency.contains("<input type=hidden name=weight value=\"7\">")
                && latency.contains("<input type=hidden name=values value=\"2001:db8::1\">"), "what the form no longer shows travels hidden");
        String back = browser.htmxPost("/ui/zones/" + id + "/rrset/form", "policy", "weighted", "target", "values", "weight", "7",
                "ttl", "42", "values", "2001:db8::1").body();
        assertTrue(label(back, "weight").contains("value=\"7\"") && label(back, "values").contains(">2001:db8::1</textarea>"),
                "choosing the policy again brings back what was typed for it");
        String simple = browser.htmxPost("/ui/zones/" + id + "/rrset/form", "policy", "simple", "target", "values").body();
        assertFalse(simple.contains("name=setIdentifier"), "a simple set has no SetIdentifier");
    }
}
