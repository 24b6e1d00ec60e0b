package io.meridian.resolver.control;

import io.meridian.resolver.config.ConfigLoader;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routed record sets beside zone files (import keeps them, export shows them) and the configurable limits. */
class RoutedSetsAndZoneFilesTest {
    static final List<String> NS = List.of("ns1.appliance.test.");

    static RecordSetChange weighted(String name, String id, long weight, String value) {
        return new RecordSetChange("CREATE", new ResourceRecordSet(name, "A", id, 60L, List.of(value),
                new RoutingPolicy.Weighted(weight), null, null));
    }

    @Test
    void importKeepsRoutedSetsExportShowsThemAndAClashIsRefused() throws Exception {
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("routed-import"), ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), ControlLimits.ROUTE53);
            zones.importFile(TestZones.write("example", TestZones.EXAMPLE_COM), null);
            String id = zones.list().get(0).id();
            zones.changeRecordSets(id, List.of(weighted("lb.example.com.", "blue", 3, "192.0.2.7")), Instant.now());

            String export = zones.export("example.com.").orElseThrow();
            assertTrue(export.contains("; routed record set (managed through the API): lb.example.com. 60 A SetIdentifier=blue"
                    + " Weighted[weight=3] | 192.0.2.7"), export);

            zones.importFile(TestZones.write("example", TestZones.EXAMPLE_COM.replace("192.0.2.80", "192.0.2.81")), null);
            assertTrue(zones.recordSets(id).stream().anyMatch(r -> "blue".equals(r.setIdentifier())), "an import keeps routed sets");
            assertTrue(zones.recordSets(id).stream().anyMatch(r -> r.values().contains("192.0.2.81")));

            Path clash = TestZones.write("clash", TestZones.EXAMPLE_COM + "lb A 192.0.2.9\n");
            ZoneException e = assertThrows(ZoneException.class, () -> zones.importFile(clash, null));
            assertTrue(e.getMessage().contains("clashes with the routed record set lb.example.com. A (SetIdentifier blue)"), e.getMessage());
            assertTrue(zones.recordSets(id).stream().anyMatch(r -> "blue".equals(r.setIdentifier())), "a refused import changes nothing");
        }
    }

    @Test
    void limitsComeFromTheConfigAndAreEnforced() throws Exception {
        Path config = DataDirs.fresh("limits").resolve("meridian.yaml");
        Files.writeString(config, "limits:\n  hostedZones: 1\n  recordsPerBatch: 3\n  weightedSetsPerName: 2\n");
        ControlLimits limits = ConfigLoader.load(config).limits();
        assertEquals(1, limits.hostedZones());
        assertEquals(32_000, limits.valueCharsPerBatch(), "keys not given keep Route 53's value");
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("limits-store"), ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), limits);
            String id = zones.createHostedZone("limits.test", "l-1", null, NS).id();
            ControlException tooMany = assertThrows(ControlException.class, () -> zones.createHostedZone("more.test", "l-2", null, NS));
            assertEquals("TooManyHostedZones", tooMany.code());
            ChangeBatchException big = assertThrows(ChangeBatchException.class, () -> zones.changeRecordSets(id, List.of(
                    new RecordSetChange("UPSERT", ResourceRecordSet.simple("a.limits.test.", "A", 60, List.of("192.0.2.1", "192.0.2.2")))),
                    Instant.now()));
            assertEquals("[Number of records limit of 3 exceeded.]", big.getMessage(), "UPSERT counts double");
            ChangeBatchException weightedLimit = assertThrows(ChangeBatchException.class, () -> zones.changeRecordSets(id, List.of(
                    weighted("w.limits.test.", "a", 1, "192.0.2.1"), weighted("w.limits.test.", "b", 1, "192.0.2.2"),
                    weighted("w.limits.test.", "c", 1, "192.0.2.3")), Instant.now()));
            assertEquals("[Exceeded limit on number of weighted RRSets for w.limits.test., type A in this zone.]",
                    weightedLimit.getMessage());
        }
        Files.writeString(config, "limits:\n  hostedZones: 0\n");
        assertTrue(assertThrows(RuntimeException.class, () -> ConfigLoader.load(config)).getMessage().contains("at least 1"));
    }
}
