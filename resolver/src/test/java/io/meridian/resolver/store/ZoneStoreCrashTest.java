package io.meridian.resolver.store;

import io.meridian.resolver.control.ControlLimits;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.testing.DataDirs;
import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.zone.ServingView;
import io.meridian.resolver.zone.ZoneContent;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replace killed with SIGKILL part way leaves the old zone whole: the next open finds every
 * old record, none of the new, and no orphaned names.
 */
class ZoneStoreCrashTest {
    private static final int BIG = 60_000;
    /** The old zone's owner names: the apex, ns1 and 100 hosts. */
    private static final int OLD_NAMES = 102;

    static String zone(int serial, String address, int hosts) {
        StringBuilder z = new StringBuilder("""
                $ORIGIN crash.test.
                $TTL 300
                @ SOA ns1 hostmaster %d 3600 600 86400 60
                @ NS ns1
                ns1 A 192.0.2.53
                """.formatted(serial));
        for (int i = 0; i < hosts; i++) {
            z.append("h").append(i).append(" A ").append(address).append('\n');
        }
        return z.toString();
    }

    @Test
    void aKilledImportLeavesTheOldZoneWhole() throws Exception {
        Path data = DataDirs.fresh("crash");
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            new ZoneService(store, new ServingView(), ControlLimits.ROUTE53).importFile(TestZones.write("old", zone(1, "192.0.2.1", 100)), null);
        }
        Path big = TestZones.write("new", zone(2, "192.0.2.2", BIG));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true",
                "-cp", System.getProperty("java.class.path"), ImportChild.class.getName(), data.toString(), big.toString()));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null && !line.equals("importing")) {
                // Chronicle's start-up lines
            }
            // Kill once the new generation's names are being written: watch the store from here.
            try (ZoneStore watch = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (watch.nameCount() < OLD_NAMES + 5_000 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertTrue(watch.nameCount() >= OLD_NAMES + 5_000, "the import never started writing names");
            }
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            ZoneContent z = store.get(new Name("crash.test.")).orElseThrow();
            long serial = z.soa().getSerial();
            assertEquals(1, serial, "the import finished before it was killed; the test proves nothing");
            if (serial == 1) {
                assertEquals(103, z.records().size());
                assertTrue(z.records().stream().noneMatch(r -> r.rdataToString().equals("192.0.2.2")));
            } else {
                assertEquals(BIG + 3, z.records().size());
            }
            assertEquals(serial == 1 ? OLD_NAMES : BIG + 2, store.nameCount(), "orphaned names left behind");
        }
    }
}
