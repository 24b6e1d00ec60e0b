package io.meridian.resolver.control;

import io.meridian.resolver.store.ZoneStore;
import io.meridian.resolver.testing.DataDirs;
import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.zone.RoutingPolicy;
import io.meridian.resolver.zone.ServingView;
import io.meridian.resolver.zone.ZoneException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZoneServiceTest {
    private static final String GOOD_V2 = TestZones.EXAMPLE_COM.replace("2024010101", "2024010102")
            .replace("www A 192.0.2.80", "www A 192.0.2.81");

    @Test
    void servesStoredZonesAfterARestartWithoutTheZoneFile() throws Exception {
        Path data = DataDirs.fresh("restart");
        Path file = TestZones.write("example", TestZones.EXAMPLE_COM);
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            new ZoneService(store, new ServingView(), ControlLimits.ROUTE53).importFile(file, null);
        }
        Files.delete(file);
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            ServingView view = new ServingView();
            new ZoneService(store, view, ControlLimits.ROUTE53).loadAll();
            assertNotNull(view.get().zone("example.com."));
            assertEquals(20, view.get().zone("example.com.").recordCount());
        }
    }

    @Test
    void rejectsABadFileWholeNamingFileAndLineAndKeepsTheServedZone() throws Exception {
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("atomic"), ZoneStore.StoreSizing.DEFAULT)) {
            ServingView view = new ServingView();
            ZoneService zones = new ZoneService(store, view, ControlLimits.ROUTE53);
            zones.importFile(TestZones.write("example", TestZones.EXAMPLE_COM), null);
            String broken = GOOD_V2 + "bad A 192.0.2.300\n";
            Path file = TestZones.write("broken", broken);
            ZoneException e = assertThrows(ZoneException.class, () -> zones.importFile(file, null));
            int line = broken.split("\n").length;
            assertTrue(e.getMessage().contains(file.getFileName() + ":" + line), e.getMessage());
            assertEquals(2024010101L, view.get().zone("example.com.").serial());
            assertEquals(2024010101L, zones.list().get(0).serial());
            assertTrue(zones.export("example.com.").orElseThrow().contains("192.0.2.80"));
        }
    }

    @Test
    void rejectsSemanticErrorsWithAMessageThatSaysWhatToChange() throws Exception {
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("semantic"), ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), ControlLimits.ROUTE53);
            String cnameAndData = TestZones.EXAMPLE_COM + "www TXT \"x\"\nwww CNAME api\n";
            ZoneException e = assertThrows(ZoneException.class,
                    () -> zones.importFile(TestZones.write("cname", cnameAndData), null));
            assertTrue(e.getMessage().contains("CNAME and other data"), e.getMessage());
            String dataThenCname = TestZones.EXAMPLE_COM + "www CNAME api\nwww TXT \"x\"\n";
            e = assertThrows(ZoneException.class, () -> zones.importFile(TestZones.write("cname-first", dataThenCname), null));
            assertTrue(e.getMessage().contains("www.example.com. has a CNAME and other data"), e.getMessage());
            String twoCnames = TestZones.EXAMPLE_COM + "alias CNAME www\nalias CNAME api\n";
            e = assertThrows(ZoneException.class, () -> zones.importFile(TestZones.write("two-cnames", twoCnames), null));
            assertTrue(e.getMessage().contains("alias.example.com. has more than one CNAME"), e.getMessage());
            String apexCname = TestZones.EXAMPLE_COM + "@ CNAME www\n";
            e = assertThrows(ZoneException.class, () -> zones.importFile(TestZones.write("apex-cname", apexCname), null));
            assertTrue(e.getMessage().contains("apex example.com. cannot be a CNAME"), e.getMessage());
            String outside = TestZones.EXAMPLE_COM + "www.example.org. A 192.0.2.1\n";
            e = assertThrows(ZoneException.class, () -> zones.importFile(TestZones.write("outside", outside), null));
            assertTrue(e.getMessage().contains("outside the zone"), e.getMessage());
            assertTrue(zones.list().isEmpty());
        }
    }

    @Test
    void replacesAZoneWholeAndLeavesNoOldNamesBehind() throws Exception {
        Path data = DataDirs.fresh("replace");
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), ControlLimits.ROUTE53);
            zones.importFile(TestZones.write("example", TestZones.EXAMPLE_COM), null);
            zones.importFile(TestZones.write("example", GOOD_V2), null);
            String exported = zones.export("example.com").orElseThrow();
            assertTrue(exported.contains("192.0.2.81"));
            assertTrue(!exported.contains("192.0.2.80"));
            assertEquals(20, exported.lines().filter(l -> !l.startsWith("$")).count());
        }
    }

    @Test
    void exportThenImportGivesTheSameRecords() throws Exception {
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("roundtrip"), ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), ControlLimits.ROUTE53);
            String odd = TestZones.EXAMPLE_COM + """
                    unknown TYPE65280 \\# 4 0A000001
                    $GENERATE 1-5 host$ A 192.0.2.$
                    txt TXT "with \\"quotes\\" and spaces" "two"
                    """;
            zones.importFile(TestZones.write("odd", odd), null);
            String first = zones.export("example.com.").orElseThrow();
            zones.importFile(TestZones.write("again", first), null);
            assertEquals(first, zones.export("example.com.").orElseThrow());
            assertTrue(first.contains("host5.example.com."));
            assertTrue(first.contains("\\# 4 0A000001"));
        }
    }

    @Test
    void readsIncludedFilesAndNamesTheIncludedFileInErrors() throws Exception {
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("include"), ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), ControlLimits.ROUTE53);
            Path hosts = TestZones.write("hosts", "extra1 A 192.0.2.101\nextra2 A 192.0.2.102\n");
            Path main = TestZones.write("main", TestZones.EXAMPLE_COM + "$INCLUDE " + hosts.toAbsolutePath() + "\n");
            assertEquals(22, zones.importFile(main, null).records());
            Path badHosts = TestZones.write("badhosts", "ok A 192.0.2.1\nbroken A not-an-address\n");
            Path badMain = TestZones.write("badmain", TestZones.EXAMPLE_COM + "$INCLUDE " + badHosts.toAbsolutePath() + "\n");
            ZoneException e = assertThrows(ZoneException.class, () -> zones.importFile(badMain, null));
            assertTrue(e.getMessage().contains(badHosts.getFileName() + ":2"), e.getMessage());
            assertEquals(22, zones.list().get(0).records());
        }
    }

    @Test
    void importsTextSentOverTheNetworkButNeverItsIncludes() throws Exception {
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("text"), ZoneStore.StoreSizing.DEFAULT)) {
            ServingView view = new ServingView();
            ZoneService zones = new ZoneService(store, view, ControlLimits.ROUTE53);
            assertEquals(20, zones.importText(TestZones.EXAMPLE_COM, "upload.zone", null).records());
            assertNotNull(view.get().zone("example.com."));
            Path secret = TestZones.write("secret", "secret A 192.0.2.66\n");
            ZoneException e = assertThrows(ZoneException.class, () -> zones.importText(
                    GOOD_V2 + "$INCLUDE " + secret.toAbsolutePath() + "\n", "upload.zone", null));
            assertTrue(e.getMessage().contains("$INCLUDE"), e.getMessage());
            String broken = GOOD_V2 + "bad A 192.0.2.300\n";
            e = assertThrows(ZoneException.class, () -> zones.importText(broken, "upload.zone", null));
            assertTrue(e.getMessage().contains("upload.zone:" + broken.split("\n").length), e.getMessage());
            e = assertThrows(ZoneException.class, () -> zones.importText("www.example.org. 300 A 192.0.2.1\n", "upload.zone", null));
            assertTrue(e.getMessage().contains("no SOA record"), e.getMessage());
            assertEquals(2024010101L, zones.list().get(0).serial(), "a refused text leaves the zone as it was");
        }
    }

    @Test
    void deletingAZoneStopsServingItAndForgetsItsRecords() throws Exception {
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("delete"), ZoneStore.StoreSizing.DEFAULT)) {
            ServingView view = new ServingView();
            ZoneService zones = new ZoneService(store, view, ControlLimits.ROUTE53);
            zones.importFile(TestZones.write("example", TestZones.EXAMPLE_COM), null);
            assertTrue(zones.delete("example.com"));
            assertEquals(null, view.get().zone("example.com."));
            assertTrue(zones.list().isEmpty());
            assertEquals(0, store.nameCount());
            assertTrue(!zones.delete("example.com"));
        }
    }

    @Test
    void followsAnImportMadeByAnotherProcessOnTheSameStore() throws Exception {
        Path data = DataDirs.fresh("follow");
        try (ZoneStore serving = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT);
             ZoneStore cli = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            ServingView view = new ServingView();
            ZoneService server = new ZoneService(serving, view, ControlLimits.ROUTE53);
            new ZoneService(cli, new ServingView(), ControlLimits.ROUTE53).importFile(TestZones.write("example", TestZones.EXAMPLE_COM), null);
            assertEquals(List.of("example.com."), server.syncFromStore());
            assertNotNull(view.get().zone("example.com."));
            assertTrue(server.syncFromStore().isEmpty());
        }
    }

    @Test
    void findsTheRecordSetsThatNameAHealthCheckInEveryZoneUntilTheyGo() throws Exception {
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("checked-sets"), ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), ControlLimits.ROUTE53);
            HealthCheckService checks = new HealthCheckService(store, ControlLimits.ROUTE53, interval -> true);
            HealthCheckConfig tcp = new HealthCheckConfig("TCP", "192.0.2.10", 80, null, null, null, 10, 3, false, false, false,
                    null, List.of(), null, List.of());
            String web = checks.create("web", tcp).id();
            String other = checks.create("other", tcp).id();
            zones.importFile(TestZones.write("example", TestZones.EXAMPLE_COM), null);
            zones.importFile(TestZones.write("example-org", TestZones.EXAMPLE_COM.replace("example.com", "example.org")), null);
            String com = zones.list().stream().filter(z -> z.origin().equals("example.com.")).findFirst().orElseThrow().id();
            String org = zones.list().stream().filter(z -> z.origin().equals("example.org.")).findFirst().orElseThrow().id();
            ResourceRecordSet blue = new ResourceRecordSet("lb.example.org.", "A", "blue", 60L, List.of("192.0.2.7"),
                    new RoutingPolicy.Weighted(1), null, web);
            zones.changeRecordSets(org, List.of(new RecordSetChange("CREATE", blue)), Instant.now());
            zones.changeRecordSets(com, List.of(
                    new RecordSetChange("CREATE", new ResourceRecordSet("status.example.com.", "A", null, 60L, List.of("192.0.2.8"),
                            null, null, web)),
                    new RecordSetChange("CREATE", new ResourceRecordSet("lb.example.com.", "A", "green", 60L, List.of("192.0.2.9"),
                            new RoutingPolicy.Weighted(1), null, other))), Instant.now());

            List<ZoneService.HealthCheckedSet> found = zones.recordSetsWithHealthCheck(web);
            assertEquals(List.of("example.com. status.example.com. A null", "example.org. lb.example.org. A blue"), found.stream()
                    .map(s -> s.zone() + " " + s.recordSet().name() + " " + s.recordSet().type() + " " + s.recordSet().setIdentifier())
                    .toList());
            assertEquals("green", zones.recordSetsWithHealthCheck(other).get(0).recordSet().setIdentifier());

            zones.changeRecordSets(org, List.of(new RecordSetChange("DELETE", blue)), Instant.now());
            assertEquals(1, zones.recordSetsWithHealthCheck(web).size(), "a deleted record set no longer depends on the check");
            zones.delete("example.com.");
            assertTrue(zones.recordSetsWithHealthCheck(web).isEmpty(), "nor do the record sets of a deleted zone");
        }
    }
}
