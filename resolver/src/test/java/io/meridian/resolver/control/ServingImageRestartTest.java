package io.meridian.resolver.control;

import io.meridian.resolver.pipeline.QuerySlot;
import io.meridian.resolver.pipeline.QueryStages;
import io.meridian.resolver.store.ZoneStore;
import io.meridian.resolver.testing.DataDirs;
import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.testing.Wire;
import io.meridian.resolver.zone.ServingView;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A restart serves each zone from its persisted serving image when that image was made from the
 * store state the zone is in, and compiles from the store otherwise: an image of an older state, or
 * a damaged one, is never served.
 */
class ServingImageRestartTest {

    private static ZoneService.LoadReport restart(Path data, ServingView view) throws Exception {
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            return new ZoneService(store, view, ControlLimits.ROUTE53).loadAll();
        }
    }

    private static List<String> answer(ServingView view, String name) {
        QuerySlot slot = new QuerySlot(65535);
        byte[] q = Wire.query(1, name, Type.A);
        System.arraycopy(q, 0, slot.in, 0, q.length);
        slot.inLength = q.length;
        new QueryStages(view, 1232).process(slot, false);
        Message m = Wire.parse(slot.out, slot.outLength);
        return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).sorted().toList();
    }

    private static Path image(Path data) throws Exception {
        try (Stream<Path> files = Files.list(data.resolve("serving"))) {
            return files.filter(p -> p.toString().endsWith(".image")).findFirst().orElseThrow();
        }
    }

    private static void importWithRoutedSet(Path data, String zoneText) throws Exception {
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), ControlLimits.ROUTE53);
            zones.importFile(TestZones.write("image", zoneText), null);
            if (zones.recordSets(zones.list().get(0).id()).stream().noneMatch(r -> "blue".equals(r.setIdentifier()))) {
                zones.changeRecordSets(zones.list().get(0).id(), List.of(
                        RoutedSetsAndZoneFilesTest.weighted("lb.example.com.", "blue", 1, "192.0.2.7")), Instant.now());
            }
        }
    }

    @Test
    void aRestartServesTheZoneAndItsRoutedSetsFromTheImage() throws Exception {
        Path data = DataDirs.fresh("image-restart");
        importWithRoutedSet(data, TestZones.EXAMPLE_COM);
        ServingView view = new ServingView();
        assertEquals(new ZoneService.LoadReport(1, 0), restart(data, view));
        assertEquals(List.of("192.0.2.80"), answer(view, "www.example.com."));
        assertEquals(List.of("192.0.2.80", "www.example.com."), answer(view, "api.example.com."), "CNAME and its target");
        assertEquals(List.of("192.0.2.99"), answer(view, "any.wild.example.com."));
        assertEquals(List.of("192.0.2.7"), answer(view, "lb.example.com."), "the routed set, compiled at load");
    }

    @Test
    void anImageOfAnOlderStateIsNotServed() throws Exception {
        Path data = DataDirs.fresh("image-stale");
        importWithRoutedSet(data, TestZones.EXAMPLE_COM);
        Path old = data.resolveSibling("old.image");
        Files.copy(image(data), old, StandardCopyOption.REPLACE_EXISTING);
        importWithRoutedSet(data, TestZones.EXAMPLE_COM.replace("192.0.2.80", "192.0.2.81"));
        Files.copy(old, image(data), StandardCopyOption.REPLACE_EXISTING);

        ServingView view = new ServingView();
        assertEquals(new ZoneService.LoadReport(0, 1), restart(data, view));
        assertEquals(List.of("192.0.2.81"), answer(view, "www.example.com."));
        assertEquals(new ZoneService.LoadReport(1, 0), restart(data, new ServingView()), "the image was written again");
    }

    @Test
    void aDamagedImageIsNotServed() throws Exception {
        Path data = DataDirs.fresh("image-damaged");
        importWithRoutedSet(data, TestZones.EXAMPLE_COM);
        byte[] bytes = Files.readAllBytes(image(data));
        byte[] damaged = Arrays.copyOf(bytes, bytes.length);
        damaged[bytes.length / 2] ^= 0x10;
        Files.write(image(data), damaged);

        ServingView view = new ServingView();
        assertEquals(new ZoneService.LoadReport(0, 1), restart(data, view));
        assertEquals(List.of("192.0.2.80"), answer(view, "www.example.com."));
        assertEquals(List.of("192.0.2.7"), answer(view, "lb.example.com."));

        Files.write(image(data), Arrays.copyOf(bytes, bytes.length / 3));
        assertEquals(new ZoneService.LoadReport(0, 1), restart(data, new ServingView()), "a truncated image is not served either");
    }
}
