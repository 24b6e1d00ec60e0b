package io.meridian.dashboard.api.route53;

import io.meridian.dashboard.CliTest;
import io.meridian.dashboard.ServeProcessTest;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Route53Exception;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live reload of {@code meridian serve} in a child JVM, by {@code meridian reload} and by SIGHUP:
 * queries sent all the while are every one answered, the new zone file, API keys and limits are in
 * force, settings that need a restart are reported and kept, and a bad config changes nothing.
 */
class ReloadTest {
    private static final String OTHER_ID = "AKIATESTMERIDIAN0002";
    private static final String OTHER_SECRET = "anotherSecretForTheReloadTest0123456789";

    private static String zone(int serial, String address) {
        return "$ORIGIN reload.test.\n$TTL 60\n@ SOA ns1 hostmaster " + serial + " 3600 600 86400 60\n@ NS ns1\n"
                + "ns1 A 192.0.2.53\nwww A " + address + "\n";
    }

    private static String config(Path zoneFile, int udpShards, String keyId, String secret) {
        return "zones: [" + zoneFile.toAbsolutePath() + "]\n"
                + "dns:\n  udpShards: " + udpShards + "\n"
                + "api:\n  keys:\n    - {id: " + keyId + ", secret: " + secret + "}\n"
                + (keyId.equals(OTHER_ID) ? "nameServers: [ns1.reloaded.test., ns2.reloaded.test.]\n" : "");
    }

    private static String www(int dns) throws Exception {
        Message m = ServeProcessTest.query(dns, "www.reload.test.");
        return m.getSection(Section.ANSWER).isEmpty() ? "(none)" : m.getSection(Section.ANSWER).get(0).rdataToString();
    }

    private static void sighup(Process p) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor());
    }

    private static void awaitLog(List<String> log, String text, int times) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (log.stream().filter(l -> l.contains(text)).count() < times) {
            assertTrue(System.nanoTime() < deadline, "no '" + text + "' in the log: " + String.join("\n", log));
            Thread.sleep(50);
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.toHandle().destroy();
        p.waitFor(20, TimeUnit.SECONDS);
        p.destroyForcibly();
    }

    @Test
    void reloadsWhileQueriesRunAnswerEveryOneAndPutTheNewConfigInForce() throws Exception {
        Path data = CliTest.dataDir("reload");
        Path zoneFile = data.resolve("reload.test.zone");
        Path config = data.resolve("meridian.yaml");
        Files.writeString(zoneFile, zone(1, "192.0.2.10"));
        Files.writeString(config, config(zoneFile, 1, ApiTestServer.ID, ApiTestServer.SECRET));
        int dns = ServeProcessTest.freePort();
        int http = ServeProcessTest.freePort();
        List<String> log = new CopyOnWriteArrayList<>();
        Process p = ServeProcessTest.serve(data, dns, http, "--config", config.toString());
        AtomicBoolean querying = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread querier = new Thread(() -> {
            try {
                SimpleResolver res = new SimpleResolver("127.0.0.1");
                res.setPort(dns);
                res.setTimeout(Duration.ofSeconds(2));
                Message q = Message.newQuery(Record.newRecord(Name.fromString("www.reload.test."), Type.A, DClass.IN));
                for (int n = 0; n < 200_000 && querying.get(); n++) {
                    try {
                        Message m = res.send(q);
                        if (m.getRcode() == Rcode.NOERROR && m.getSection(Section.ANSWER).size() == 1) {
                            answered.incrementAndGet();
                        } else {
                            failures.add("query " + n + ": " + Rcode.string(m.getRcode()) + " " + m.getSection(Section.ANSWER));
                        }
                    } catch (java.io.IOException e) {
                        failures.add("query " + n + ": " + e);
                    }
                }
            } catch (Exception e) {
                failures.add(e.toString());
            }
        });
        try (Route53Client first = Route53ApiAuthTest.client(http, ApiTestServer.ID, ApiTestServer.SECRET);
             Route53Client second = Route53ApiAuthTest.client(http, OTHER_ID, OTHER_SECRET)) {
            ServeProcessTest.awaitListening(p, log);
            assertEquals("192.0.2.10", www(dns));
            querier.start();
            for (int i = 1; i <= 4; i++) {
                String address = "192.0.2." + (10 + i);
                Files.writeString(zoneFile, zone(1 + i, address));
                boolean otherKey = i >= 3;
                Files.writeString(config, config(zoneFile, i >= 2 ? 2 : 1, otherKey ? OTHER_ID : ApiTestServer.ID,
                        otherKey ? OTHER_SECRET : ApiTestServer.SECRET));
                if (i % 2 == 1) {
                    CliTest.Result r = CliTest.run("reload", "--data-dir", data.toString());
                    assertEquals(0, r.code(), r.err());
                    assertTrue(r.out().startsWith("reloaded " + config + ": 1 zone files imported"), r.out());
                    assertEquals(i >= 2, r.out().contains("needs a restart, left as it is: dns.udpShards (1 -> 2)"), r.out());
                } else {
                    sighup(p);
                    awaitLog(log, "reloaded " + config, i);
                }
                assertEquals(address, www(dns), "reload " + i + " serves the zone file as it is now");
                Thread.sleep(300);
            }
            assertEquals(1, second.getHostedZoneCount().hostedZoneCount());
            assertEquals(403, assertThrows(Route53Exception.class, first::getHostedZoneCount).statusCode());
            assertEquals(java.util.List.of("ns1.reloaded.test", "ns2.reloaded.test"), second.createHostedZone(b -> b
                    .name("after-reload.test").callerReference("after-reload")).delegationSet().nameServers(),
                    "a zone made after the reload is delegated to the reloaded nameServers");
        } finally {
            querying.set(false);
            querier.join(30_000);
            stop(p);
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + (answered.get() + failures.size()) + " queries failed: "
                + failures.subList(0, Math.min(5, failures.size())));
        assertTrue(answered.get() >= 100, "only " + answered.get() + " queries were answered across the reloads");
        System.out.println("queries answered across 4 reloads, none lost: " + answered.get());
    }

    @Test
    void aBadConfigIsRefusedInOneLineAndTheRunningOneStaysInForce() throws Exception {
        Path data = CliTest.dataDir("reload-bad");
        Path zoneFile = data.resolve("reload.test.zone");
        Path config = data.resolve("meridian.yaml");
        Files.writeString(zoneFile, zone(1, "192.0.2.10"));
        String good = config(zoneFile, 1, ApiTestServer.ID, ApiTestServer.SECRET);
        Files.writeString(config, good);
        int dns = ServeProcessTest.freePort();
        int http = ServeProcessTest.freePort();
        List<String> log = new CopyOnWriteArrayList<>();
        Process p = ServeProcessTest.serve(data, dns, http, "--config", config.toString());
        try (Route53Client r53 = Route53ApiAuthTest.client(http, ApiTestServer.ID, ApiTestServer.SECRET)) {
            ServeProcessTest.awaitListening(p, log);
            String refused = "meridian: reload refused, the running configuration stays in force: ";
            List<String[]> bad = List.of(
                    new String[]{good + "dashbord:\n  users: []\n", "unknown key 'dashbord'"},
                    new String[]{good + "limits: [\n", "meridian.yaml"},
                    new String[]{good + "geo:\n  databases: [" + data.resolve("no-such.mmdb") + "]\n", "no-such.mmdb"},
                    new String[]{good + "http:\n  plain: false\n", "http.plain: false needs http.tls.certificate"},
                    new String[]{good + "http:\n  tls:\n    certificate: " + data.resolve("no.pem") + "\n    privateKey: "
                            + data.resolve("no.key") + "\n", null});
            for (String[] b : bad) {
                Files.writeString(config, b[0].replace("api:\n  keys:\n    - {id: " + ApiTestServer.ID,
                        "api:\n  keys:\n    - {id: " + OTHER_ID));
                Files.writeString(zoneFile, zone(2, "192.0.2.99"));
                CliTest.Result r = CliTest.run("reload", "--data-dir", data.toString());
                if (b[1] == null) {
                    // Turning HTTPS on needs a restart: reported, and the rest still applies.
                    assertEquals(0, r.code(), r.err());
                    assertTrue(r.out().contains("needs a restart, left as it is: http.tls (HTTPS on)"), r.out());
                    continue;
                }
                assertEquals(1, r.code(), r.out());
                assertTrue(r.err().startsWith(refused) && r.err().contains(b[1]), r.err());
                assertEquals(1, r.err().lines().count(), r.err());
                assertEquals("192.0.2.10", www(dns), "the zone file is not imported from a refused config");
                assertEquals(1, r53.getHostedZoneCount().hostedZoneCount(), "the API keys in force stay");
            }
            Files.writeString(zoneFile, "$ORIGIN reload.test.\n@ SOA ns1 hostmaster 3 3600 600 86400 60\nwww A not-an-address\n");
            Files.writeString(config, good);
            CliTest.Result brokenZone = CliTest.run("reload", "--data-dir", data.toString());
            assertEquals(1, brokenZone.code());
            assertTrue(brokenZone.err().startsWith(refused) && brokenZone.err().contains("reload.test.zone"), brokenZone.err());

            Files.writeString(config, good + "dashbord: {}\n");
            CliTest.Result named = CliTest.run("reload", "--config", config.toString(), "--data-dir", data.toString());
            assertEquals(1, named.code(), "the config named to find the server is the broken one: refused all the same");
            assertTrue(named.err().startsWith(refused) && named.err().contains("unknown key 'dashbord'"), named.err());
            sighup(p);
            awaitLog(log, "reload refused, the running configuration stays in force", 1);
            assertEquals("192.0.2.99", www(dns), "the last good reload's zone is still served");

            Files.writeString(zoneFile, zone(4, "192.0.2.44"));
            Files.writeString(config, good);
            assertEquals(0, CliTest.run("reload", "--data-dir", data.toString()).code());
            assertEquals("192.0.2.44", www(dns));
        } finally {
            stop(p);
        }
    }
}
