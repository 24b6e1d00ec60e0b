package io.meridian.resolver.control;

import io.meridian.resolver.geo.GeoDatabase;
import io.meridian.resolver.geo.GeoView;
import io.meridian.resolver.store.ZoneStore;
import io.meridian.resolver.testing.DataDirs;
import io.meridian.resolver.zone.Explanation;
import io.meridian.resolver.zone.HealthSlots;
import io.meridian.resolver.zone.RoutingPolicy;
import io.meridian.resolver.zone.ServingView;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Explain: the answer for a client, and each routed decision on the way with its facts. */
class ExplainTest {
    static RecordSetChange latency(String id, String region, String value) {
        return new RecordSetChange("CREATE", new ResourceRecordSet("app.explain.test.", "A", id, 60L, List.of(value),
                new RoutingPolicy.Latency(region), null, null));
    }

    @Test
    void explainsALatencyDecisionForAClientSubnet() throws Exception {
        GeoView geo = new GeoView();
        geo.set(GeoDatabase.loadTor(Path.of(ExplainTest.class.getResource("/geo/geoip").toURI()).getParent()));
        try (ZoneStore store = ZoneStore.open(DataDirs.fresh("explain"), ZoneStore.StoreSizing.DEFAULT)) {
            ServingView view = new ServingView();
            ZoneService zones = new ZoneService(store, view, ControlLimits.ROUTE53, HealthSlots.NONE, geo);
            String id = zones.createHostedZone("explain.test", "e-1", null, List.of("ns1.appliance.test.")).id();
            zones.changeRecordSets(id, List.of(latency("paris", "eu-west-3", "192.0.2.1"),
                    latency("virginia", "us-east-1", "192.0.2.2")), Instant.now());

            ZoneService.Explained fr = zones.explain("app.explain.test", "A", null, "198.51.100.0", "24");
            assertEquals("NOERROR", fr.responseCode());
            assertEquals(List.of("app.explain.test. 60 A 192.0.2.1"), fr.records());
            Explanation.Decision d = fr.decisions().get(0);
            assertEquals("latency", d.policy());
            assertTrue(d.client().contains("198.51.100.0/24 (EDNS Client Subnet), in FR (EU)"), d.client());
            Explanation.Candidate paris = d.candidates().get(0);
            assertEquals("paris", paris.setIdentifier());
            assertTrue(paris.chosen() && paris.healthy());
            assertTrue(paris.facts().endsWith(" km"), paris.facts());
            assertFalse(d.candidates().get(1).chosen());

            ZoneService.Explained plain = zones.explain("explain.test", "SOA", "192.0.2.9", null, null);
            assertTrue(plain.decisions().isEmpty(), "a plain answer has no routed decision");
            assertEquals(1, plain.records().size());
        }
    }
}
