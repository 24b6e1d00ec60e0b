package io.meridian.dashboard.api.route53;

import io.meridian.dashboard.CliTest;
import io.meridian.dashboard.ServeProcessTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.CidrCollectionChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code meridian backup} from a server taking change batches through the API, then wipe and
 * {@code meridian restore}: every record set, health check, CIDR collection, tag and secret comes
 * back, and the backup taken under load holds whole batches only.
 */
class BackupRestoreTest {
    private static final Pattern BATCH_NAME = Pattern.compile("([ab])\\.(\\d+)\\.backup\\.test\\.");

    /** Everything the API shows of the appliance's state, as comparable text. */
    private static List<String> state(Route53Client r53) {
        List<String> out = new ArrayList<>();
        r53.listHostedZonesPaginator().hostedZones().forEach(z -> {
            out.add(z.toString());
            r53.listResourceRecordSetsPaginator(b -> b.hostedZoneId(z.id())).resourceRecordSets().forEach(r -> out.add(r.toString()));
            out.add(r53.listTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(z.id().replace("/hostedzone/", "")))
                    .resourceTagSet().tags().toString());
        });
        r53.listHealthChecksPaginator().healthChecks().forEach(h -> out.add(h.toString()));
        r53.listCidrCollectionsPaginator(b -> { }).cidrCollections().forEach(c -> {
            out.add(c.toString());
            r53.listCidrLocationsPaginator(b -> b.collectionId(c.id())).cidrLocations().forEach(l -> out.add(l.toString()));
        });
        return out;
    }

    private static Process serve(Path data, int dns, int http, Path config, List<String> log) throws Exception {
        Process p = ServeProcessTest.serve(data, dns, http, "--config", config.toString());
        ServeProcessTest.awaitListening(p, log);
        return p;
    }

    private static void stop(Process p) throws InterruptedException {
        p.toHandle().destroy();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "serve did not stop");
        p.destroyForcibly();
    }

    private static void wipe(Path data, Path keep) throws Exception {
        try (Stream<Path> all = Files.list(data)) {
            for (Path p : all.toList()) {
                if (!p.equals(keep)) {
                    try (Stream<Path> tree = Files.walk(p)) {
                        tree.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                }
            }
        }
    }

    @Test
    void aBackupTakenUnderChangeBatchesRestoresWholeBatchesAndAQuietOneRestoresEverything() throws Exception {
        Path data = CliTest.dataDir("backup");
        Path backups = CliTest.dataDir("backup-files");
        Path config = data.resolve("meridian.yaml");
        Files.writeString(config, "api:\n  keys:\n    - id: " + ApiTestServer.ID + "\n      secret: " + ApiTestServer.SECRET + "\n"
                + "health:\n  minimumRequestInterval: 1\n");
        int dns = ServeProcessTest.freePort();
        int http = ServeProcessTest.freePort();
        List<String> log = new CopyOnWriteArrayList<>();
        Path underLoad = backups.resolve("under-load.zip");
        Path quiet = backups.resolve("quiet.zip");
        List<String> expected;
        int ackedBefore;
        int ackedAfter;
        String metricsToken;
        Process p = serve(data, dns, http, config, log);
        try (Route53Client r53 = Route53ApiAuthTest.client(http, ApiTestServer.ID, ApiTestServer.SECRET)) {
            String zoneId = r53.createHostedZone(b -> b.name("backup.test").callerReference("backup-1")
                    .hostedZoneConfig(c -> c.comment("backed up"))).hostedZone().id();
            r53.changeTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId.replace("/hostedzone/", ""))
                    .addTags(Tag.builder().key("team").value("dns").build()));
            r53.createHealthCheck(b -> b.callerReference("backup-hc").healthCheckConfig(c -> c.type(HealthCheckType.TCP)
                    .ipAddress("127.0.0.1").port(http).requestInterval(10).failureThreshold(3)));
            String cidr = r53.createCidrCollection(b -> b.name("offices").callerReference("backup-cidr")).collection().id();
            r53.changeCidrCollection(b -> b.id(cidr).collectionVersion(1L).changes(ch -> ch.locationName("paris")
                    .action(CidrCollectionChangeAction.PUT).cidrList("198.51.100.0/24")));

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger acked = new AtomicInteger();
            List<Throwable> writerFailures = new CopyOnWriteArrayList<>();
            Thread writer = new Thread(() -> {
                try (Route53Client w = Route53ApiAuthTest.client(http, ApiTestServer.ID, ApiTestServer.SECRET)) {
                    for (int n = 0; n < 5_000 && writing.get(); n++) {
                        int batch = n;
                        w.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(
                                ChangeBatchCrashTest.create("a." + batch + ".backup.test.", RRType.A, "192.0.2.1"),
                                ChangeBatchCrashTest.create("b." + batch + ".backup.test.", RRType.TXT, "\"batch " + batch + "\""))));
                        acked.incrementAndGet();
                    }
                } catch (Throwable t) {
                    writerFailures.add(t);
                }
            });
            writer.start();
            while (acked.get() < 20) {
                Thread.sleep(20);
            }
            ackedBefore = acked.get();
            CliTest.Result b = CliTest.run("backup", underLoad.toString(), "--data-dir", data.toString());
            ackedAfter = acked.get();
            Thread.sleep(300);
            writing.set(false);
            writer.join(30_000);
            assertEquals(0, b.code(), b.err());
            assertTrue(b.out().startsWith("backed up " + data + " to " + underLoad + " (from the running server): 1 zones"), b.out());
            assertTrue(writerFailures.isEmpty(), "change batches failed during the backup: " + writerFailures);
            assertTrue(ackedAfter > ackedBefore, "no change batch went through while the backup was taken");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(underLoad)));

            expected = state(r53);
            assertEquals(0, CliTest.run("backup", quiet.toString(), "--data-dir", data.toString()).code());
            metricsToken = Files.readString(data.resolve("metrics-token"));
        } finally {
            stop(p);
        }
        Files.createDirectories(data.resolve("querylog")).resolve("kept.log").toFile().createNewFile();

        wipe(data, config);
        CliTest.Result restored = CliTest.run("restore", quiet.toString(), "--data-dir", data.toString());
        assertEquals(0, restored.code(), restored.err());
        assertTrue(restored.out().startsWith("restored " + data + " from " + quiet + " (taken "), restored.out());
        assertTrue(Files.exists(config), "files a backup does not hold stay in the data directory");
        p = serve(data, dns, http, config, log);
        try (Route53Client r53 = Route53ApiAuthTest.client(http, ApiTestServer.ID, ApiTestServer.SECRET)) {
            assertEquals(expected, state(r53));
            assertEquals(metricsToken, Files.readString(data.resolve("metrics-token")));
            assertTrue(Files.exists(data.resolve("dashboard-users")));
            CliTest.Result refused = CliTest.run("restore", underLoad.toString(), "--data-dir", data.toString());
            assertEquals(1, refused.code());
            assertTrue(refused.err().contains("stop the server before restoring"), refused.err());
            assertEquals(expected, state(r53), "a refused restore changes nothing");
        } finally {
            stop(p);
        }

        assertEquals(0, CliTest.run("restore", underLoad.toString(), "--data-dir", data.toString()).code());
        p = serve(data, dns, http, config, log);
        try (Route53Client r53 = Route53ApiAuthTest.client(http, ApiTestServer.ID, ApiTestServer.SECRET)) {
            TreeSet<Integer> a = new TreeSet<>();
            TreeSet<Integer> b = new TreeSet<>();
            String zoneId = r53.listHostedZones().hostedZones().get(0).id();
            r53.listResourceRecordSetsPaginator(x -> x.hostedZoneId(zoneId)).resourceRecordSets().forEach(r -> {
                Matcher m = BATCH_NAME.matcher(r.name());
                if (m.matches()) {
                    (m.group(1).equals("a") ? a : b).add(Integer.parseInt(m.group(2)));
                }
            });
            System.out.println("batches in the backup taken under load: " + a.size() + " (acknowledged before it: " + ackedBefore
                    + ", by its end: " + ackedAfter + ")");
            assertEquals(a, b, "every batch in the backup is there whole");
            assertEquals(a.size(), a.isEmpty() ? 0 : a.last() + 1, "batches are there in order, none skipped");
            assertTrue(a.size() >= ackedBefore && a.size() <= ackedAfter + 1,
                    a.size() + " batches, while " + ackedBefore + " to " + ackedAfter + " were acknowledged during the backup");
        } finally {
            stop(p);
        }
    }
}
