package io.meridian.resolver.zone;

import io.meridian.resolver.pipeline.QuerySlot;
import io.meridian.resolver.pipeline.QueryStages;
import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.testing.Wire;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routed record sets answered by the evaluator itself, with a health table the test controls and
 * a fixed random seed: the selection rules of ROUTE53.md §1.4 and §1.5, and ECS scope.
 */
class RoutingEvaluationTest {
    static final org.xbill.DNS.Name ORIGIN = name("routing.test.");

    /** Health the test sets by check Id: a slot per Id, healthy unless marked down. */
    static final class Health implements RoutingContext {
        final Map<String, Integer> slots = new HashMap<>();
        final boolean[] down = new boolean[16];
        final Map<String, List<String>> blocks = new HashMap<>();
        final io.meridian.resolver.geo.GeoView geo = new io.meridian.resolver.geo.GeoView();

        Health() {
            try {
                geo.set(io.meridian.resolver.geo.GeoDatabase.loadTor(java.nio.file.Path.of(
                        RoutingEvaluationTest.class.getResource("/geo/geoip").toURI()).getParent()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public io.meridian.resolver.geo.GeoView geo() {
            return geo;
        }

        void set(String id, boolean healthy) {
            down[healthSlot(id)] = !healthy;
        }

        @Override
        public int healthSlot(String checkId) {
            return slots.computeIfAbsent(checkId, k -> slots.size());
        }

        @Override
        public HealthStatus health() {
            return slot -> slot < 0 || !down[slot];
        }

        @Override
        public List<String> cidrBlocks(String collectionId, String location) {
            return blocks.getOrDefault(location, List.of());
        }
    }

    static org.xbill.DNS.Name name(String s) {
        try {
            return org.xbill.DNS.Name.fromString(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static RecordSet set(String owner, String id, RoutingPolicy policy, String check, String... addresses) throws Exception {
        List<Record> records = new ArrayList<>();
        for (String a : addresses) {
            records.add(new ARecord(name(owner), DClass.IN, 60, InetAddress.getByName(a)));
        }
        return new RecordSet(name(owner), Type.A, id, 60, records, policy, null, check);
    }

    static RecordSet alias(String owner, String target, boolean evaluate, String id, RoutingPolicy policy) {
        return new RecordSet(name(owner), Type.A, id, RecordSet.NO_TTL, List.of(), policy,
                new AliasTarget("ZROUTING", name(target), evaluate), null);
    }

    static ZoneIndex index(Health health, RecordSet... routed) throws Exception {
        ZoneContent plain = TestZones.parse("$ORIGIN routing.test.\n@ 300 SOA ns hostmaster 1 3600 600 86400 60\n@ 300 NS ns\n"
                + "ns 300 A 192.0.2.53\nplain 300 A 192.0.2.99\n");
        return new ZoneIndex(List.of(ZoneCompiler.compile(new ZoneContent(ORIGIN, plain.records(), List.of(routed)), health)));
    }

    static Message ask(QueryStages stages, String qname, byte[] source, EDNSOption... options) throws Exception {
        Message q = Message.newQuery(Record.newRecord(name(qname), Type.A, DClass.IN));
        if (options.length > 0) {
            q.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(options)), Section.ADDITIONAL);
        }
        byte[] wire = q.toWire();
        QuerySlot slot = new QuerySlot(4096);
        System.arraycopy(wire, 0, slot.in, 0, wire.length);
        slot.inLength = wire.length;
        slot.query.source(source, 0, source.length);
        stages.process(slot, false);
        return Wire.parse(slot.out, slot.outLength);
    }

    static List<String> addresses(Message m) {
        return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).sorted().toList();
    }

    static final byte[] LOCAL = {127, 0, 0, 1};

    @Test
    void weightsAreFollowedZeroIsNeverChosenAndUnhealthySetsAreSkipped() throws Exception {
        Health health = new Health();
        ZoneIndex zones = index(health,
                set("w.routing.test.", "one", new RoutingPolicy.Weighted(1), null, "192.0.2.1"),
                set("w.routing.test.", "three", new RoutingPolicy.Weighted(3), "hc-three", "192.0.2.3"),
                set("w.routing.test.", "zero", new RoutingPolicy.Weighted(0), null, "192.0.2.0"));
        QueryStages stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(42));
        Map<String, Integer> counts = new HashMap<>();
        int n = 4000;
        for (int i = 0; i < n; i++) {
            counts.merge(addresses(ask(stages, "w.routing.test.", LOCAL)).get(0), 1, Integer::sum);
        }
        assertEquals(null, counts.get("192.0.2.0"), "weight 0 is never chosen while a weighted set is healthy");
        double e1 = n / 4.0;
        double e3 = 3 * n / 4.0;
        double chi2 = Math.pow(counts.get("192.0.2.1") - e1, 2) / e1 + Math.pow(counts.get("192.0.2.3") - e3, 2) / e3;
        assertTrue(chi2 < 10.83, "chi-square " + chi2 + " over the 0.1% bound for 1 degree of freedom: " + counts);

        health.set("hc-three", false);
        for (int i = 0; i < 50; i++) {
            assertEquals(List.of("192.0.2.1"), addresses(ask(stages, "w.routing.test.", LOCAL)));
        }
    }

    @Test
    void theResponseCacheNeverReplaysARoutedAnswer() throws Exception {
        Health health = new Health();
        ZoneIndex zones = index(health,
                set("w.routing.test.", "one", new RoutingPolicy.Weighted(1), null, "192.0.2.1"),
                set("w.routing.test.", "two", new RoutingPolicy.Weighted(1), "hc-two", "192.0.2.2"));
        QueryStages stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(42)).withResponseCache(64);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(addresses(ask(stages, "w.routing.test.", LOCAL)).get(0));
        }
        assertEquals(java.util.Set.of("192.0.2.1", "192.0.2.2"), seen, "every query chooses afresh");
        health.set("hc-two", false);
        for (int i = 0; i < 20; i++) {
            assertEquals(List.of("192.0.2.1"), addresses(ask(stages, "w.routing.test.", LOCAL)), "health is followed at once");
        }
    }

    @Test
    void zeroWeightsServeWhenNothingWeightedIsHealthyAndAllUnhealthyCountsAsAllHealthy() throws Exception {
        Health health = new Health();
        ZoneIndex zones = index(health,
                set("w.routing.test.", "main", new RoutingPolicy.Weighted(5), "hc-main", "192.0.2.5"),
                set("w.routing.test.", "spare", new RoutingPolicy.Weighted(0), "hc-spare", "192.0.2.0"));
        QueryStages stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(7));
        health.set("hc-main", false);
        assertEquals(List.of("192.0.2.0"), addresses(ask(stages, "w.routing.test.", LOCAL)));
        health.set("hc-spare", false);
        assertEquals(List.of("192.0.2.5"), addresses(ask(stages, "w.routing.test.", LOCAL)), "none healthy: by weight among all");
    }

    @Test
    void failoverAnswersThePrimaryUntilItFailsAndThePrimaryWhenBothFail() throws Exception {
        Health health = new Health();
        ZoneIndex zones = index(health,
                set("f.routing.test.", "p", new RoutingPolicy.Failover("PRIMARY"), "hc-p", "192.0.2.10"),
                set("f.routing.test.", "s", new RoutingPolicy.Failover("SECONDARY"), "hc-s", "192.0.2.20"));
        QueryStages stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(1));
        assertEquals(List.of("192.0.2.10"), addresses(ask(stages, "f.routing.test.", LOCAL)));
        health.set("hc-p", false);
        assertEquals(List.of("192.0.2.20"), addresses(ask(stages, "f.routing.test.", LOCAL)));
        health.set("hc-s", false);
        assertEquals(List.of("192.0.2.10"), addresses(ask(stages, "f.routing.test.", LOCAL)));
    }

    @Test
    void multivalueAnswersUpToEightHealthySetsAndEightUnhealthyWhenAllFail() throws Exception {
        Health health = new Health();
        List<RecordSet> sets = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            sets.add(set("m.routing.test.", "m" + i, new RoutingPolicy.MultiValue(), "hc-" + i, "192.0.2." + i));
        }
        ZoneIndex zones = index(health, sets.toArray(RecordSet[]::new));
        QueryStages stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(3));
        assertEquals(8, addresses(ask(stages, "m.routing.test.", LOCAL)).size());
        for (int i = 1; i <= 7; i++) {
            health.set("hc-" + i, false);
        }
        assertEquals(List.of("192.0.2.10", "192.0.2.8", "192.0.2.9"), addresses(ask(stages, "m.routing.test.", LOCAL)));
        for (int i = 8; i <= 10; i++) {
            health.set("hc-" + i, false);
        }
        assertEquals(8, addresses(ask(stages, "m.routing.test.", LOCAL)).size(), "all unhealthy: up to eight of them");
    }

    @Test
    void ipBasedRoutingTakesTheLongestBlockFromEcsAndEchoesTheScope() throws Exception {
        Health health = new Health();
        health.blocks.put("office", List.of("198.51.100.0/22"));
        health.blocks.put("lab", List.of("198.51.100.0/24", "2001:db8:1::/48"));
        ZoneIndex zones = index(health,
                set("ip.routing.test.", "office", new RoutingPolicy.IpBased("c", "office"), null, "192.0.2.1"),
                set("ip.routing.test.", "lab", new RoutingPolicy.IpBased("c", "lab"), null, "192.0.2.2"),
                set("ip.routing.test.", "rest", new RoutingPolicy.IpBased("c", "*"), null, "192.0.2.3"));
        QueryStages stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(3));
        Message lab = ask(stages, "ip.routing.test.", LOCAL, new ClientSubnetOption(24, InetAddress.getByName("198.51.100.0")));
        assertEquals(List.of("192.0.2.2"), addresses(lab));
        ClientSubnetOption echoed = (ClientSubnetOption) lab.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0);
        assertEquals(24, echoed.getSourcePrefixLength());
        assertEquals(24, echoed.getScopePrefixLength());
        assertEquals(List.of("192.0.2.1"), addresses(ask(stages, "ip.routing.test.", LOCAL,
                new ClientSubnetOption(24, InetAddress.getByName("198.51.101.0")))));
        assertEquals(List.of("192.0.2.3"), addresses(ask(stages, "ip.routing.test.", LOCAL,
                new ClientSubnetOption(16, InetAddress.getByName("198.51.0.0")))), "a prefix shorter than every block: default");
        assertEquals(List.of("192.0.2.2"), addresses(ask(stages, "ip.routing.test.", LOCAL,
                new ClientSubnetOption(56, InetAddress.getByName("2001:db8:1:ff00::")))));
        assertEquals(List.of("192.0.2.2"), addresses(ask(stages, "ip.routing.test.", new byte[] {(byte) 198, 51, 100, 7})),
                "without ECS the source address decides");
        QueryStages coarse = new QueryStages(() -> zones, 1232, new QueryEvaluator(3, 16, 48));
        Message cut = ask(coarse, "ip.routing.test.", LOCAL, new ClientSubnetOption(24, InetAddress.getByName("198.51.100.0")));
        assertEquals(List.of("192.0.2.3"), addresses(cut), "a /24 used as /16 (dns.ecsMaxPrefixV4: 16) is in no /22 or /24 block");
        assertEquals(16, ((ClientSubnetOption) cut.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0)).getScopePrefixLength());
        Message plain = ask(stages, "plain.routing.test.", LOCAL, new ClientSubnetOption(24, InetAddress.getByName("198.51.100.0")));
        assertEquals(0, ((ClientSubnetOption) plain.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0)).getScopePrefixLength(),
                "an answer that does not depend on the client has scope 0");
    }

    @Test
    void aliasesAnswerTheTargetUnderTheQueriedNameAndCarryTargetHealth() throws Exception {
        Health health = new Health();
        ZoneIndex zones = index(health,
                alias("routing.test.", "plain.routing.test.", false, null, null),
                set("pool.routing.test.", "a", new RoutingPolicy.Weighted(1), "hc-a", "192.0.2.41"),
                alias("front.routing.test.", "pool.routing.test.", true, "pool", new RoutingPolicy.Failover("PRIMARY")),
                set("front.routing.test.", "sorry", new RoutingPolicy.Failover("SECONDARY"), null, "192.0.2.42"));
        QueryStages stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(3));
        Message apex = ask(stages, "routing.test.", LOCAL);
        assertEquals(Rcode.NOERROR, apex.getRcode());
        assertEquals("routing.test.", apex.getSection(Section.ANSWER).get(0).getName().toString());
        assertEquals(300, apex.getSection(Section.ANSWER).get(0).getTTL(), "the target's TTL");
        assertEquals(List.of("192.0.2.99"), addresses(apex));
        assertEquals(List.of("192.0.2.41"), addresses(ask(stages, "front.routing.test.", LOCAL)));
        health.set("hc-a", false);
        assertEquals(List.of("192.0.2.42"), addresses(ask(stages, "front.routing.test.", LOCAL)),
                "EvaluateTargetHealth: a pool with no healthy member makes the alias unhealthy");
    }

    @Test
    void malformedClientSubnetsAreFormerr() throws Exception {
        ZoneIndex zones = index(new Health());
        QueryStages stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(3));
        byte[][] bad = {
                {0, 1, 33, 0, (byte) 198, 51, 100, 0, 0},      // IPv4 source prefix over 32
                {0, 3, 8, 0, 10},                                // unknown family
                {0, 1, 24, 0, (byte) 198, 51, 100, 1},           // bits set beyond the prefix
                {0, 1, 24, 0, (byte) 198, 51},                   // address shorter than the prefix needs
                {0, 1, 24, 8, (byte) 198, 51, 100},              // scope set in a query
        };
        for (byte[] option : bad) {
            Message m = ask(stages, "plain.routing.test.", LOCAL, new org.xbill.DNS.GenericEDNSOption(8, option));
            assertEquals(Rcode.FORMERR, m.getRcode(), java.util.HexFormat.of().formatHex(option));
        }
        Message ok = ask(stages, "plain.routing.test.", LOCAL, new org.xbill.DNS.GenericEDNSOption(8, new byte[] {0, 1, 0, 0}));
        assertEquals(Rcode.NOERROR, ok.getRcode(), "a /0 subnet is well formed: the resolver asks for an untailored answer");
    }

    static ClientSubnetOption subnet(String address, int bits) throws Exception {
        return new ClientSubnetOption(bits, InetAddress.getByName(address));
    }

    static final String FR = "198.51.100.0";
    static final String US = "203.0.113.0";
    static final String JP = "192.0.2.0";
    static final String BR = "100.64.0.0";

    @Test
    void geolocationTakesTheCountryThenTheContinentThenTheDefault() throws Exception {
        Health health = new Health();
        ZoneIndex zones = index(health,
                set("geo.routing.test.", "fr", new RoutingPolicy.Geolocation(null, "FR", null), "hc-fr", "192.0.2.1"),
                set("geo.routing.test.", "na", new RoutingPolicy.Geolocation("NA", null, null), null, "192.0.2.2"),
                set("geo.routing.test.", "any", new RoutingPolicy.Geolocation(null, "*", null), null, "192.0.2.3"),
                set("nodefault.routing.test.", "fr", new RoutingPolicy.Geolocation(null, "FR", null), null, "192.0.2.4"));
        QueryStages stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(3));
        Message fr = ask(stages, "geo.routing.test.", LOCAL, subnet(FR, 24));
        assertEquals(List.of("192.0.2.1"), addresses(fr));
        assertEquals(24, ((ClientSubnetOption) fr.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0)).getScopePrefixLength());
        assertEquals(List.of("192.0.2.2"), addresses(ask(stages, "geo.routing.test.", LOCAL, subnet(US, 24))), "US -> North America");
        assertEquals(List.of("192.0.2.3"), addresses(ask(stages, "geo.routing.test.", LOCAL, subnet(JP, 24))), "Japan -> default");
        assertEquals(List.of("192.0.2.3"), addresses(ask(stages, "geo.routing.test.", LOCAL)), "unknown location -> default");
        health.set("hc-fr", false);
        assertEquals(List.of("192.0.2.3"), addresses(ask(stages, "geo.routing.test.", LOCAL, subnet(FR, 24))),
                "France unhealthy, no Europe record: the default");
        Message none = ask(stages, "nodefault.routing.test.", LOCAL, subnet(JP, 24));
        assertEquals(Rcode.NOERROR, none.getRcode());
        assertTrue(none.getSection(Section.ANSWER).isEmpty(), "no matching location and no default: NODATA");
    }

    @Test
    void latencyAnswersTheNearestRegionAndGeoproximityBendsDistanceByBias() throws Exception {
        Health health = new Health();
        ZoneIndex zones = index(health,
                set("lat.routing.test.", "paris", new RoutingPolicy.Latency("eu-west-3"), "hc-paris", "192.0.2.31"),
                set("lat.routing.test.", "virginia", new RoutingPolicy.Latency("us-east-1"), null, "192.0.2.32"),
                set("lat.routing.test.", "tokyo", new RoutingPolicy.Latency("ap-northeast-1"), null, "192.0.2.33"),
                set("prox.routing.test.", "paris", new RoutingPolicy.Geoproximity(null, null, "48.85", "2.35", null), null, "192.0.2.41"),
                set("prox.routing.test.", "virginia", new RoutingPolicy.Geoproximity("us-east-1", null, null, null, 99), null, "192.0.2.42"),
                set("near.routing.test.", "paris", new RoutingPolicy.Geoproximity(null, null, "48.85", "2.35", null), null, "192.0.2.51"),
                set("near.routing.test.", "virginia", new RoutingPolicy.Geoproximity("us-east-1", null, null, null, null), null, "192.0.2.52"),
                set("lzg.routing.test.", "a", new RoutingPolicy.Geoproximity(null, "us-east-1-bos-1", null, null, null), null, "192.0.2.61"),
                set("lzg.routing.test.", "b", new RoutingPolicy.Geoproximity(null, "us-west-2-lax-1", null, null, null), null, "192.0.2.62"));
        QueryStages stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(3));
        assertEquals(List.of("192.0.2.31"), addresses(ask(stages, "lat.routing.test.", LOCAL, subnet(FR, 24))));
        assertEquals(List.of("192.0.2.32"), addresses(ask(stages, "lat.routing.test.", LOCAL, subnet(US, 24))));
        assertEquals(List.of("192.0.2.33"), addresses(ask(stages, "lat.routing.test.", LOCAL, subnet(JP, 24))));
        assertEquals(List.of("192.0.2.31"), addresses(ask(stages, "lat.routing.test.", LOCAL, subnet("2001:db8:1::", 48))),
                "Germany over IPv6 -> Paris");
        health.set("hc-paris", false);
        assertEquals(List.of("192.0.2.32"), addresses(ask(stages, "lat.routing.test.", LOCAL, subnet(FR, 24))),
                "the nearest region unhealthy: the next nearest");
        assertEquals(List.of("192.0.2.51"), addresses(ask(stages, "near.routing.test.", LOCAL, subnet(FR, 24))));
        assertEquals(1, addresses(ask(stages, "lzg.routing.test.", LOCAL, subnet(FR, 24))).size(),
                "local zone groups have no coordinates here: still one answer, never a failure");
        health.set("hc-paris", true);
        java.nio.file.Path measured = java.nio.file.Files.createTempFile(io.meridian.resolver.testing.DataDirs.fresh("geo"), "latency", ".csv");
        java.nio.file.Files.writeString(measured, "# prefix,region,ms\n198.51.100.0/24,ap-northeast-1,5\n198.51.100.0/24,eu-west-3,40\n"
                + "198.51.0.0/16,us-east-1,1\n");
        health.geo.setLatency(io.meridian.resolver.geo.LatencyTable.load(measured));
        assertEquals(List.of("192.0.2.33"), addresses(ask(stages, "lat.routing.test.", LOCAL, subnet(FR, 24))),
                "a measured table beats distance: 5 ms to Tokyo from the longest matching prefix");
        assertEquals(List.of("192.0.2.32"), addresses(ask(stages, "lat.routing.test.", LOCAL, subnet("198.51.7.0", 24))),
                "a shorter prefix's row applies to the rest of it");
        assertEquals(List.of("192.0.2.33"), addresses(ask(stages, "lat.routing.test.", LOCAL, subnet(JP, 24))),
                "no row for the client: distance");
        java.nio.file.Files.writeString(measured, "198.51.100.0/24,mars-1,5\n");
        assertTrue(assertThrows(java.io.IOException.class, () -> io.meridian.resolver.geo.LatencyTable.load(measured))
                .getMessage().contains(":1: expected PREFIX,AWS_REGION,MILLISECONDS"));
        assertEquals(List.of("192.0.2.42"), addresses(ask(stages, "prox.routing.test.", LOCAL, subnet(FR, 24))),
                "bias 99 shrinks Virginia's distance to a hundredth: it wins even for France");
        assertEquals(List.of("192.0.2.52"), addresses(ask(stages, "near.routing.test.", LOCAL, subnet(BR, 24))),
                "Brazil is nearer Virginia than Paris");
    }

    @Test
    void cityDataRoutesByStateAndByTheClientsOwnCoordinates() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile(io.meridian.resolver.testing.DataDirs.fresh("geo"), "city", ".mmdb");
        io.meridian.resolver.geo.GeoDatabaseTestAccess.writeCity(file);
        Health health = new Health();
        health.geo.set(io.meridian.resolver.geo.GeoDatabase.load(file));
        ZoneIndex zones = index(health,
                set("geo.routing.test.", "california", new RoutingPolicy.Geolocation(null, "US", "CA"), "hc-ca", "192.0.2.1"),
                set("geo.routing.test.", "us", new RoutingPolicy.Geolocation(null, "US", null), null, "192.0.2.2"),
                set("geo.routing.test.", "any", new RoutingPolicy.Geolocation(null, "*", null), null, "192.0.2.3"),
                set("lat.routing.test.", "west", new RoutingPolicy.Latency("us-west-1"), null, "192.0.2.11"),
                set("lat.routing.test.", "east", new RoutingPolicy.Latency("us-east-1"), null, "192.0.2.12"));
        QueryStages stages = new QueryStages(() -> zones, 1232, new QueryEvaluator(3));
        assertEquals(List.of("192.0.2.1"), addresses(ask(stages, "geo.routing.test.", LOCAL, subnet(US, 24))), "California");
        assertEquals(List.of("192.0.2.2"), addresses(ask(stages, "geo.routing.test.", LOCAL, subnet(FR, 24))),
                "New York has no record of its own: the United States");
        health.set("hc-ca", false);
        assertEquals(List.of("192.0.2.2"), addresses(ask(stages, "geo.routing.test.", LOCAL, subnet(US, 24))),
                "California unhealthy: the next larger region");
        assertEquals(List.of("192.0.2.11"), addresses(ask(stages, "lat.routing.test.", LOCAL, subnet(US, 24))),
                "San Francisco is nearest Northern California");
        assertEquals(List.of("192.0.2.12"), addresses(ask(stages, "lat.routing.test.", LOCAL, subnet(FR, 24))),
                "New York is nearest Virginia");
    }
}
