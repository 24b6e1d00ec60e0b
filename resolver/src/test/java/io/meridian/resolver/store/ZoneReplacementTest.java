package io.meridian.resolver.store;

import io.meridian.resolver.testing.DataDirs;
import io.meridian.resolver.zone.RecordSet;
import io.meridian.resolver.zone.RecordsByOwner;
import io.meridian.resolver.zone.RoutingPolicy;
import io.meridian.resolver.zone.ZoneContent;
import io.meridian.resolver.zone.ZoneFileParser;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A zone replaced in steps: names written, then committed or discarded; the zone changes at the commit only. */
class ZoneReplacementTest {
    private static ZoneContent zone(int serial, int hosts) throws Exception {
        StringBuilder text = new StringBuilder("$ORIGIN steps.test.\n$TTL 300\n@ SOA ns1 hostmaster " + serial + " 1 2 3 4\n@ NS ns1\nns1 A 192.0.2.53\n");
        for (int i = 0; i < hosts; i++) {
            text.append('h').append(i).append(" A 192.0.2.").append(serial).append('\n');
        }
        return ZoneFileParser.parse(text.toString(), "steps", null);
    }

    private static ZoneStore.Replacement replacement(ZoneStore store, ZoneContent zone) {
        return store.replace(zone, RecordsByOwner.of(zone.records()), HostedZoneIdentity.create("steps", ""), "");
    }

    @Test
    void writtenNamesAreNotTheZonesUntilCommittedAndDiscardingDropsThem() throws Exception {
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("replacement"), ZoneStore.StoreSizing.DEFAULT)) {
            store.put(zone(1, 10), HostedZoneIdentity.create("steps", ""), "");
            ZoneContent first = store.get(zone(1, 0).origin()).orElseThrow();
            byte[] firstStamp = store.imageStamp(first.origin()).orElseThrow();
            assertEquals(12, store.nameCount(), "apex, ns1 and ten hosts");

            ZoneStore.Replacement dropped = replacement(store, zone(2, 50));
            dropped.write();
            assertEquals(12 + 52, store.nameCount(), "the new names are written beside the old");
            assertEquals(1, store.get(first.origin()).orElseThrow().soa().getSerial(), "but the zone is still the old one");
            dropped.discard();
            assertEquals(12, store.nameCount());
            assertArrayEquals(firstStamp, store.imageStamp(first.origin()).orElseThrow(), "a discarded replacement changes nothing");

            ZoneStore.Replacement kept = replacement(store, zone(3, 20));
            byte[] stamp = kept.stamp();
            assertFalse(Arrays.equals(stamp, firstStamp));
            kept.write();
            kept.commit();
            assertEquals(3, store.get(first.origin()).orElseThrow().soa().getSerial());
            assertEquals(22, store.nameCount(), "the old generation's names are gone");
            assertArrayEquals(stamp, store.imageStamp(first.origin()).orElseThrow(),
                    "the stamp known before the write is the one stored (a serving image written meanwhile carries it)");
        }
    }
    @Test
    void routedSetsAreReadOfTheZonesCurrentGenerationAlone() throws Exception {
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("replacement-routed"), ZoneStore.StoreSizing.DEFAULT)) {
            ZoneContent plain = zone(1, 10);
            Name origin = plain.origin();
            assertEquals(List.of(), store.routed(origin), "no such zone yet");
            RecordSet blue = weighted(Name.fromString("lb", origin), "blue");
            RecordSet green = weighted(Name.fromString("h3", origin), "green");
            store.put(new ZoneContent(origin, plain.records(), List.of(blue, green)), HostedZoneIdentity.create("steps", ""), "");
            ZoneContent other = ZoneFileParser.parse("$ORIGIN other.test.\n$TTL 300\n@ SOA ns1 hostmaster 1 1 2 3 4\n@ NS ns1\nns1 A 192.0.2.53\n",
                    "other", null);
            store.put(new ZoneContent(other.origin(), other.records(), List.of(weighted(Name.fromString("lb", other.origin()), "red"))),
                    HostedZoneIdentity.create("other", ""), "");

            assertEquals(Set.of(blue, green), Set.copyOf(store.routed(origin)));
            assertEquals(store.get(origin).orElseThrow().routed().size(), store.routed(origin).size());

            ZoneStore.Replacement next = store.replace(new ZoneContent(origin, zone(2, 5).records(), List.of(green)),
                    RecordsByOwner.of(zone(2, 5).records()), HostedZoneIdentity.create("steps", ""), "");
            next.write();
            assertEquals(Set.of(blue, green), Set.copyOf(store.routed(origin)), "the written generation is not the zone's until committed");
            next.commit();
            assertEquals(List.of(green), store.routed(origin));
            assertEquals(7 + 3, store.nameCount(), "the old generation's names gone, the other zone's kept");
        }
    }

    private static RecordSet weighted(Name name, String id) throws Exception {
        return new RecordSet(name, Type.A, id, 60, List.of(new ARecord(name, DClass.IN, 60, InetAddress.getByName("192.0.2.7"))),
                new RoutingPolicy.Weighted(3), null, null);
    }

    @Test
    void twoThreadsWritingOneReplacementStoreEveryNameOnce() throws Exception {
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("replacement-shared"), ZoneStore.StoreSizing.DEFAULT)) {
            ZoneContent zone = zone(4, 20_000);
            ZoneStore.Replacement shared = replacement(store, zone);
            Thread helper = new Thread(shared::write);
            helper.start();
            shared.write();
            helper.join();
            shared.commit();
            assertEquals(20_002, store.nameCount());
            ZoneContent stored = store.get(zone.origin()).orElseThrow();
            assertEquals(zone.records().size(), stored.records().size());
            assertEquals(new java.util.HashSet<>(zone.records()), new java.util.HashSet<>(stored.records()));
        }
    }

    @Test
    void aReplacementThatOverfillsTheNamesMapFailsAndLeavesTheStoredZoneWhole() throws Exception {
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("replacement-full"), new ZoneStore.StoreSizing(10, 100, 10))) {
            store.put(zone(1, 10), HostedZoneIdentity.create("steps", ""), "");
            ZoneContent first = store.get(zone(1, 0).origin()).orElseThrow();
            ZoneStore.Replacement tooBig = replacement(store, zone(2, 20_000));
            assertThrows(RuntimeException.class, tooBig::write);
            assertEquals(12, store.nameCount(), "what was written of it is gone");
            tooBig.write(); // a second writer after the failure takes nothing more
            assertEquals(12, store.nameCount());
            assertEquals(first.records().size(), store.get(first.origin()).orElseThrow().records().size());
            assertEquals(1, store.get(first.origin()).orElseThrow().soa().getSerial());
        }
    }
}
