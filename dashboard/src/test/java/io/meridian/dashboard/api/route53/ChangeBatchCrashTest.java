package io.meridian.dashboard.api.route53;

import io.meridian.dashboard.CliTest;
import io.meridian.dashboard.ServeProcessTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL of {@code meridian serve} while an SDK client streams change batches: after a restart,
 * every acknowledged batch is there and no batch is there by half.
 */
class ChangeBatchCrashTest {
    private static final Pattern BATCH_NAME = Pattern.compile("([ab])\\.(\\d+)\\.crash\\.test\\.");

    static Change create(String name, RRType type, String value) {
        return Change.builder().action(ChangeAction.CREATE).resourceRecordSet(ResourceRecordSet.builder().name(name).type(type)
                .ttl(60L).resourceRecords(ResourceRecord.builder().value(value).build()).build()).build();
    }

    @Test
    void acknowledgedBatchesSurviveSigkillWholeAndNoneIsHalfApplied() throws Exception {
        Path data = CliTest.dataDir("crash");
        Path config = data.resolve("meridian.yaml");
        Files.writeString(config, "api:\n  keys:\n    - id: " + ApiTestServer.ID + "\n      secret: " + ApiTestServer.SECRET + "\n");
        int dns = ServeProcessTest.freePort();
        int http = ServeProcessTest.freePort();
        List<String> log = new CopyOnWriteArrayList<>();
        Set<Integer> acknowledged = new HashSet<>();
        String zoneId;
        Process p = ServeProcessTest.serve(data, dns, http, "--config", config.toString());
        try (Route53Client r53 = Route53ApiAuthTest.client(http, ApiTestServer.ID, ApiTestServer.SECRET)) {
            ServeProcessTest.awaitListening(p, log);
            zoneId = r53.createHostedZone(b -> b.name("crash.test").callerReference("crash-1")).hostedZone().id();
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the maps
            });
            killer.start();
            for (int n = 0; n < 100_000 && p.isAlive(); n++) {
                int batch = n;
                try {
                    r53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(
                            create("a." + batch + ".crash.test.", RRType.A, "192.0.2.1"),
                            create("b." + batch + ".crash.test.", RRType.TXT, "\"batch " + batch + "\""))));
                    acknowledged.add(batch);
                } catch (RuntimeException connectionLost) {
                    break;
                }
            }
            killer.join();
        } finally {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        System.out.println("change batches acknowledged before SIGKILL: " + acknowledged.size());
        assertTrue(acknowledged.size() >= 5, "the client got few batches through before the kill: " + acknowledged.size());

        Process again = ServeProcessTest.serve(data, dns, http, "--config", config.toString());
        try (Route53Client r53 = Route53ApiAuthTest.client(http, ApiTestServer.ID, ApiTestServer.SECRET)) {
            ServeProcessTest.awaitListening(again, log);
            Set<String> present = new HashSet<>();
            r53.listResourceRecordSetsPaginator(b -> b.hostedZoneId(zoneId)).resourceRecordSets().forEach(r -> {
                Matcher m = BATCH_NAME.matcher(r.name());
                if (m.matches()) {
                    present.add(m.group(1) + m.group(2));
                }
            });
            for (int n : acknowledged) {
                assertTrue(present.contains("a" + n) && present.contains("b" + n), "acknowledged batch " + n + " is missing");
            }
            for (String half : present) {
                String other = (half.charAt(0) == 'a' ? "b" : "a") + half.substring(1);
                assertTrue(present.contains(other), "batch " + half.substring(1) + " is there by half");
            }
            assertEquals(0, present.size() % 2);
            assertTrue(present.size() / 2 <= acknowledged.size() + 1, "at most the one batch in flight may be extra");
        } finally {
            again.destroy();
            again.waitFor(20, TimeUnit.SECONDS);
            if (again.isAlive()) {
                again.destroyForcibly();
            }
        }
    }
}
