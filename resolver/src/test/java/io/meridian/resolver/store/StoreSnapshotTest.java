package io.meridian.resolver.store;

import io.meridian.resolver.control.ControlLimits;
import io.meridian.resolver.control.RecordSetChange;
import io.meridian.resolver.control.ResourceRecordSet;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.testing.DataDirs;
import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.zone.ServingView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreSnapshotTest {

    private static Map<String, Object> contents(ZoneService zones, ZoneStore store, String changeId) throws Exception {
        Map<String, Object> all = new HashMap<>();
        for (ZoneService.ZoneSummary z : zones.list()) {
            all.put(z.origin(), z);
            all.put(z.origin() + " sets", zones.recordSets(z.id()));
            all.put(z.origin() + " tags", store.tags("hostedzone/" + z.id()));
        }
        all.put("change", store.change(changeId));
        all.put("checks", store.healthChecks().values().stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList());
        all.put("cidr", store.cidrCollections().values().stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList());
        return all;
    }

    @Test
    void aRestoredSnapshotHoldsEveryZoneRecordSetChangeTagAndObject() throws Exception {
        Path data = DataDirs.fresh("snapshot");
        Path copy = DataDirs.fresh("snapshot-restored").resolve("data");
        Map<String, Object> before;
        StoreSnapshot snapshot;
        String change;
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), ControlLimits.ROUTE53);
            zones.importFile(TestZones.write("example", TestZones.EXAMPLE_COM), null);
            // Replaced twice: only the current generation's names go into the snapshot.
            zones.importFile(TestZones.write("example", TestZones.EXAMPLE_COM.replace("2024010101", "2024010102")), null);
            ZoneService.ZoneSummary api = zones.createHostedZone("api.example.org", "ref-1", "from the API", List.of("ns1.test."));
            change = zones.changeRecordSets(api.id(), List.of(new RecordSetChange("CREATE",
                    ResourceRecordSet.simple("www.api.example.org.", "A", 60, List.of("192.0.2.7")))), Instant.now()).id();
            store.setTags("hostedzone/" + api.id(), Map.of("team", "dns"));
            store.healthChecks().put("hc-1", "{\"id\":\"hc-1\"}".getBytes(StandardCharsets.UTF_8));
            store.cidrCollections().put("cc-1", "{\"id\":\"cc-1\"}".getBytes(StandardCharsets.UTF_8));
            before = contents(zones, store, change);
            snapshot = zones.snapshot();
            assertEquals(2, snapshot.zoneCount());
            assertTrue(snapshot.entries("names").size() < store.nameCount() + 1);
        }
        StoreSnapshot reread = StoreSnapshot.of(snapshot.files());
        ZoneStore.restore(copy, reread);
        try (ZoneStore store = ZoneStore.open(copy, ZoneStore.StoreSizing.DEFAULT)) {
            assertTrue(((java.util.Optional<?>) before.get("change")).isPresent());
            assertEquals(before, contents(new ZoneService(store, new ServingView(), ControlLimits.ROUTE53), store, change));
        }
        assertArrayEquals(Files.readAllBytes(data.resolve("store-format")), Files.readAllBytes(copy.resolve("store-format")));
    }

    @Test
    void restoreWritesOnlyIntoAnEmptyDirectoryAndRefusesDamagedEntries() throws Exception {
        Path data = DataDirs.fresh("snapshot-refuse");
        StoreSnapshot snapshot;
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            snapshot = store.snapshot();
        }
        assertTrue(assertThrows(IOException.class, () -> ZoneStore.restore(data, snapshot)).getMessage().contains("not empty"));
        Map<String, byte[]> cut = new HashMap<>(snapshot.files());
        cut.put("zones.entries", new byte[]{0, 0, 0, 5, 0});
        assertTrue(assertThrows(IOException.class, () -> StoreSnapshot.of(cut)).getMessage().contains("zones entries are damaged"));
        Map<String, byte[]> missing = new HashMap<>(snapshot.files());
        missing.remove("tags.entries");
        assertThrows(IOException.class, () -> StoreSnapshot.of(missing));
    }

    @Test
    void aDataDirectoryOfANewerFormatIsRefusedAndAnUnmarkedOneIsMarked() throws Exception {
        Path data = DataDirs.fresh("format");
        try (ZoneStore ignored = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            assertEquals("1\n", Files.readString(data.resolve("store-format")));
        }
        // A directory from before the marker: format 1, marked at the next open.
        Files.delete(data.resolve("store-format"));
        try (ZoneStore ignored = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            assertEquals("1\n", Files.readString(data.resolve("store-format")));
        }
        Files.writeString(data.resolve("store-format"), "2\n");
        IOException e = assertThrows(IOException.class, () -> ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT));
        assertTrue(e.getMessage().contains("holds Meridian store format 2; this Meridian reads format 1"), e.getMessage());
        assertFalse(ZoneStore.inUse(data), "a refused open leaves the directory free");
        assertEquals("2\n", Files.readString(data.resolve("store-format")), "and unchanged");
    }
}
