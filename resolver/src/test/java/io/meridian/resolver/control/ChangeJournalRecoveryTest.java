package io.meridian.resolver.control;

import io.meridian.resolver.store.ZoneStore;
import io.meridian.resolver.testing.DataDirs;
import io.meridian.resolver.zone.RoutingPolicy;
import io.meridian.resolver.zone.ServingView;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal closes the gap between "batch accepted" and "maps hold it": a batch journaled but
 * never applied (a crash in between) is applied at the next start, one already applied is not
 * applied twice, and a torn last entry (never acknowledged) is dropped.
 */
class ChangeJournalRecoveryTest {
    static final List<String> NS = List.of("ns1.appliance.test.");

    static RecordSetChange create(String name, String value) {
        return new RecordSetChange("CREATE", ResourceRecordSet.simple(name, "A", 60, List.of(value)));
    }

    static List<String> names(ZoneService zones, String zoneId) throws Exception {
        return zones.recordSets(zoneId).stream().map(r -> r.name() + (r.setIdentifier() == null ? "" : "/" + r.setIdentifier())).toList();
    }

    @Test
    void replaysWhatTheMapsMissAndNothingTwice() throws Exception {
        Path data = DataDirs.fresh("journal");
        String zoneId;
        JournaledBatch lost;
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), ControlLimits.ROUTE53);
            zoneId = zones.createHostedZone("journal.test", "j-1", null, NS).id();
            zones.changeRecordSets(zoneId, List.of(create("applied.journal.test.", "192.0.2.1")), Instant.now());
            // What a crash right after the journal write leaves: the entry, and maps without it.
            lost = new JournaledBatch("CLOSTBATCH0001", zoneId, Instant.parse("2026-11-23T00:00:00Z").toEpochMilli(),
                    List.of(create("lost.journal.test.", "192.0.2.2"), new RecordSetChange("CREATE", new ResourceRecordSet(
                            "lost.journal.test.", "TXT", "w1", 60L, List.of("\"weighted\""), new RoutingPolicy.Weighted(7), null, null))));
            store.journal().append(lost.encode());
        }
        // A torn append after it: a header promising more bytes than were written.
        Files.write(data.resolve("changes.journal"), new byte[] {0x4D, 0x4A, 0x52, 0x4E, 0, 0, 1, 0, 1, 2, 3}, StandardOpenOption.APPEND);

        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            ServingView view = new ServingView();
            ZoneService zones = new ZoneService(store, view, ControlLimits.ROUTE53);
            zones.loadAll();
            assertEquals(1, zones.recoverJournal(), "only the batch the maps missed is applied");
            assertEquals(List.of("journal.test.", "journal.test.", "applied.journal.test.", "lost.journal.test.", "lost.journal.test./w1"),
                    names(zones, zoneId));
            assertEquals(Instant.parse("2026-11-23T00:00:00Z"), zones.change("/change/CLOSTBATCH0001").submittedAt());
            assertEquals(0, store.journal().size(), "an applied journal starts over");
        }
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), ControlLimits.ROUTE53);
            zones.loadAll();
            assertEquals(0, zones.recoverJournal());
            assertTrue(names(zones, zoneId).contains("lost.journal.test./w1"));
        }
    }

    @Test
    void aBatchWhoseGenerationSwitchHappenedIsNotAppliedAgain() throws Exception {
        Path data = DataDirs.fresh("journal-held");
        String zoneId;
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), ControlLimits.ROUTE53);
            zoneId = zones.createHostedZone("held.test", "h-1", null, NS).id();
            zones.changeRecordSets(zoneId, List.of(create("a.held.test.", "192.0.2.1")), Instant.now());
            zones.changeRecordSets(zoneId, List.of(new RecordSetChange("DELETE",
                    ResourceRecordSet.simple("a.held.test.", "A", 60, List.of("192.0.2.1")))), Instant.now());
        }
        try (ZoneStore store = ZoneStore.open(data, ZoneStore.StoreSizing.DEFAULT)) {
            ZoneService zones = new ZoneService(store, new ServingView(), ControlLimits.ROUTE53);
            zones.loadAll();
            assertEquals(0, zones.recoverJournal(), "both batches were in the maps already");
            assertEquals(List.of("held.test.", "held.test."), names(zones, zoneId));
        }
    }
}
