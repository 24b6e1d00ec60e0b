package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.CidrCollectionChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHealthCheckException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetRegion;
import software.amazon.awssdk.services.route53.model.Route53Exception;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Record sets with routing policies, aliases and health checks through the real AWS SDK: every
 * member stored and read back, and Route 53's rules for them (ROUTE53.md §1.2 to §1.6).
 */
class Route53RoutedRecordSetsTest {
    static ApiTestServer server;
    static Route53Client r53;
    static String zoneId;
    static String otherZoneId;

    @BeforeAll
    static void start() throws Exception {
        server = ApiTestServer.start();
        r53 = server.client();
        zoneId = r53.createHostedZone(b -> b.name("routed.example").callerReference("routed-1")).hostedZone().id();
        otherZoneId = r53.createHostedZone(b -> b.name("other.example").callerReference("routed-2")).hostedZone().id();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static ResourceRecordSet set(String name, RRType type, Consumer<ResourceRecordSet.Builder> more, String... values) {
        ResourceRecordSet.Builder b = ResourceRecordSet.builder().name(name).type(type);
        if (values.length > 0) {
            b.ttl(60L).resourceRecords(java.util.Arrays.stream(values).map(v -> ResourceRecord.builder().value(v).build()).toList());
        }
        more.accept(b);
        return b.build();
    }

    static void send(String zone, ChangeAction action, ResourceRecordSet... sets) {
        List<Change> changes = new ArrayList<>();
        for (ResourceRecordSet s : sets) {
            changes.add(Change.builder().action(action).resourceRecordSet(s).build());
        }
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(changes)));
    }

    static void create(ResourceRecordSet... sets) {
        send(zoneId, ChangeAction.CREATE, sets);
    }

    static List<ResourceRecordSet> listed(String name) {
        return r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId)).resourceRecordSets().stream()
                .filter(r -> r.name().equals(name)).toList();
    }

    static String refused(ResourceRecordSet... sets) {
        InvalidChangeBatchException e = assertThrows(InvalidChangeBatchException.class, () -> create(sets));
        return e.awsErrorDetails().errorMessage();
    }

    static String invalidInput(ResourceRecordSet... sets) {
        Route53Exception e = assertThrows(Route53Exception.class, () -> create(sets));
        assertEquals("InvalidInput", e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
        return e.awsErrorDetails().errorMessage();
    }

    @Test
    void everyPolicyIsStoredAndListedWithAllItsMembers() {
        String check = r53.createHealthCheck(b -> b.callerReference("routed-hc").healthCheckConfig(c -> c.type("TCP")
                .ipAddress("127.0.2.10").port(9))).healthCheck().id();
        String collection = r53.createCidrCollection(b -> b.name("routed-offices").callerReference("rc-1")).collection().id();
        r53.changeCidrCollection(b -> b.id(collection).changes(c -> c.locationName("paris").action(CidrCollectionChangeAction.PUT)
                .cidrList("198.51.100.0/24")));
        create(set("w.routed.example.", RRType.A, b -> b.setIdentifier("blue").weight(10L).healthCheckId(check), "192.0.2.1"),
                set("w.routed.example.", RRType.A, b -> b.setIdentifier("green").weight(0L), "192.0.2.2", "192.0.2.3"),
                set("l.routed.example.", RRType.AAAA, b -> b.setIdentifier("eu").region(ResourceRecordSetRegion.EU_WEST_1), "2001:db8::1"),
                set("g.routed.example.", RRType.TXT, b -> b.setIdentifier("us-ca").geoLocation(g -> g.countryCode("US").subdivisionCode("CA")), "\"ca\""),
                set("g.routed.example.", RRType.TXT, b -> b.setIdentifier("europe").geoLocation(g -> g.continentCode("EU")), "\"eu\""),
                set("g.routed.example.", RRType.TXT, b -> b.setIdentifier("default").geoLocation(g -> g.countryCode("*")), "\"any\""),
                set("f.routed.example.", RRType.A, b -> b.setIdentifier("main").failover(ResourceRecordSetFailover.PRIMARY).healthCheckId(check), "192.0.2.4"),
                set("f.routed.example.", RRType.A, b -> b.setIdentifier("backup").failover(ResourceRecordSetFailover.SECONDARY), "192.0.2.5"),
                set("m.routed.example.", RRType.A, b -> b.setIdentifier("m1").multiValueAnswer(true), "192.0.2.6"),
                set("c.routed.example.", RRType.A, b -> b.setIdentifier("paris").cidrRoutingConfig(c -> c.collectionId(collection).locationName("paris")), "192.0.2.7"),
                set("c.routed.example.", RRType.A, b -> b.setIdentifier("rest").cidrRoutingConfig(c -> c.collectionId(collection).locationName("*")), "192.0.2.8"),
                set("p.routed.example.", RRType.A, b -> b.setIdentifier("nyc").geoProximityLocation(g -> g.coordinates(c -> c.latitude("40.71").longitude("-74.01")).bias(25)), "192.0.2.9"),
                set("p.routed.example.", RRType.A, b -> b.setIdentifier("fra").geoProximityLocation(g -> g.awsRegion("eu-central-1")), "192.0.2.11"),
                set("routed.example.", RRType.A, b -> b.aliasTarget(a -> a.hostedZoneId(zoneId).dnsName("w.routed.example.").evaluateTargetHealth(true))));

        List<ResourceRecordSet> weighted = listed("w.routed.example.");
        assertEquals(List.of("blue", "green"), weighted.stream().map(ResourceRecordSet::setIdentifier).toList());
        assertEquals(10L, weighted.get(0).weight());
        assertEquals(check, weighted.get(0).healthCheckId());
        assertEquals(0L, weighted.get(1).weight());
        assertEquals(2, weighted.get(1).resourceRecords().size());
        assertEquals(ResourceRecordSetRegion.EU_WEST_1, listed("l.routed.example.").get(0).region());
        List<ResourceRecordSet> geo = listed("g.routed.example.");
        assertEquals(List.of("default", "europe", "us-ca"), geo.stream().map(ResourceRecordSet::setIdentifier).toList());
        assertEquals("*", geo.get(0).geoLocation().countryCode());
        assertEquals("EU", geo.get(1).geoLocation().continentCode());
        assertEquals("CA", geo.get(2).geoLocation().subdivisionCode());
        assertEquals(ResourceRecordSetFailover.PRIMARY, listed("f.routed.example.").get(1).failover());
        assertTrue(listed("m.routed.example.").get(0).multiValueAnswer());
        assertEquals("paris", listed("c.routed.example.").get(0).cidrRoutingConfig().locationName());
        ResourceRecordSet nyc = listed("p.routed.example.").get(1);
        assertEquals("40.71", nyc.geoProximityLocation().coordinates().latitude());
        assertEquals(25, nyc.geoProximityLocation().bias());
        assertEquals("eu-central-1", listed("p.routed.example.").get(0).geoProximityLocation().awsRegion());
        ResourceRecordSet apex = listed("routed.example.").stream().filter(r -> r.type() == RRType.A).findFirst().orElseThrow();
        assertNull(apex.ttl());
        assertEquals(AliasTarget.builder().hostedZoneId(zoneId.replace("/hostedzone/", "")).dnsName("w.routed.example.")
                .evaluateTargetHealth(true).build(), apex.aliasTarget());

        // DELETE must name the set exactly, routing members included.
        InvalidChangeBatchException mismatch = assertThrows(InvalidChangeBatchException.class, () -> send(zoneId, ChangeAction.DELETE,
                set("w.routed.example.", RRType.A, b -> b.setIdentifier("blue").weight(11L).healthCheckId(check), "192.0.2.1")));
        assertEquals("[Tried to delete resource record set [name='w.routed.example.', type='A', set-identifier='blue'] but the"
                + " values provided do not match the current values]", mismatch.awsErrorDetails().errorMessage());
        send(zoneId, ChangeAction.DELETE, set("w.routed.example.", RRType.A, b -> b.setIdentifier("blue").weight(10L).healthCheckId(check), "192.0.2.1"));
        assertEquals(List.of("green"), listed("w.routed.example.").stream().map(ResourceRecordSet::setIdentifier).toList());
    }

    @Test
    void routingMembersNeedASetIdentifierAndTheOtherWayRound() {
        assertEquals("Invalid request: Missing field 'SetIdentifier' in Change with [Action=CREATE, Name=x.routed.example.,"
                + " Type=A, SetIdentifier=null]", invalidInput(set("x.routed.example.", RRType.A, b -> b.weight(1L), "192.0.2.1")));
        assertTrue(invalidInput(set("x.routed.example.", RRType.A, b -> b.setIdentifier("lonely"), "192.0.2.1"))
                .startsWith("Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer,"));
        assertTrue(invalidInput(set("x.routed.example.", RRType.A, b -> b.setIdentifier("two").weight(1L)
                .failover(ResourceRecordSetFailover.PRIMARY), "192.0.2.1")).contains("but found more than one"));
        assertTrue(invalidInput(set("x.routed.example.", RRType.A, b -> b.setIdentifier("alias-and-values")
                .weight(1L).aliasTarget(a -> a.hostedZoneId(zoneId).dnsName("w.routed.example.").evaluateTargetHealth(false)),
                "192.0.2.1")).contains("but found more than one"));
    }

    @Test
    void fieldFormatsAreInvalidInput() {
        assertTrue(invalidInput(set("x.routed.example.", RRType.A, b -> b.setIdentifier("w").weight(256L), "192.0.2.1"))
                .contains("Weight must be between 0 and 255"));
        assertTrue(invalidInput(set("x.routed.example.", RRType.NS, b -> b.setIdentifier("w").weight(1L), "ns.example."))
                .contains("a weighted record set cannot have type NS"));
        assertTrue(invalidInput(set("x.routed.example.", RRType.CNAME, b -> b.setIdentifier("m").multiValueAnswer(true), "a.example."))
                .contains("a multivalue answer record set cannot have type CNAME"));
        assertTrue(invalidInput(set("x.routed.example.", RRType.A, b -> b.setIdentifier("g")
                .geoLocation(g -> g.continentCode("EU").countryCode("FR")), "192.0.2.1")).contains("not both"));
        assertTrue(invalidInput(set("x.routed.example.", RRType.A, b -> b.setIdentifier("g")
                .geoLocation(g -> g.continentCode("XX")), "192.0.2.1")).contains("is not a continent code"));
        assertTrue(invalidInput(set("x.routed.example.", RRType.A, b -> b.setIdentifier("p")
                .geoProximityLocation(g -> g.coordinates(c -> c.latitude("40.7128").longitude("-74.01"))), "192.0.2.1"))
                .contains("at most two decimals"));
        assertTrue(invalidInput(set("x.routed.example.", RRType.A, b -> b.setIdentifier("p")
                .geoProximityLocation(g -> g.awsRegion("eu-west-1").bias(100)), "192.0.2.1")).contains("Bias must be between -99 and 99"));
        assertTrue(invalidInput(set("x.routed.example.", RRType.A, b -> b.setIdentifier("c")
                .cidrRoutingConfig(c -> c.collectionId("not-a-uuid").locationName("x")), "192.0.2.1")).contains("UUID"));
        assertTrue(invalidInput(set("x.routed.example.", RRType.A, b -> b.setIdentifier("l").region("mars-north-1"), "192.0.2.1"))
                .contains("is not a Route 53 latency Region"));
    }

    @Test
    void oneNameAndTypeHasOnePolicyAndEachPlaceOnce() {
        create(set("mix.routed.example.", RRType.A, b -> {
        }, "192.0.2.1"));
        assertEquals("[RRSet with DNS name mix.routed.example., type A, SetIdentifier \"w\" cannot be created because a non"
                + " weighted rrset exists with the same name and type.]",
                refused(set("mix.routed.example.", RRType.A, b -> b.setIdentifier("w").weight(5L), "192.0.2.2")));
        create(set("pol.routed.example.", RRType.A, b -> b.setIdentifier("w").weight(5L), "192.0.2.2"));
        assertEquals("[RRSet with DNS name pol.routed.example., type A cannot be created as other RRSets exist with the same"
                + " name and type.]", refused(set("pol.routed.example.", RRType.A, b -> {
        }, "192.0.2.1")));
        assertTrue(refused(set("pol.routed.example.", RRType.A, b -> b.setIdentifier("f").failover(ResourceRecordSetFailover.PRIMARY),
                "192.0.2.3")).contains("because a non failover rrset exists"));
        assertTrue(refused(set("pol.routed.example.", RRType.A, b -> b.setIdentifier("w2").weight(5L).ttl(61L), "192.0.2.3"))
                .contains("must have the same TTL"));
        assertTrue(refused(set("two.routed.example.", RRType.A, b -> b.setIdentifier("a").failover(ResourceRecordSetFailover.PRIMARY), "192.0.2.1"),
                set("two.routed.example.", RRType.A, b -> b.setIdentifier("b").failover(ResourceRecordSetFailover.PRIMARY), "192.0.2.2"))
                .contains("have the same failover role PRIMARY"));
        assertTrue(refused(set("geo2.routed.example.", RRType.A, b -> b.setIdentifier("a").geoLocation(g -> g.countryCode("FR")), "192.0.2.1"),
                set("geo2.routed.example.", RRType.A, b -> b.setIdentifier("b").geoLocation(g -> g.countryCode("FR")), "192.0.2.2"))
                .contains("have the same geolocation country FR"));
        assertTrue(refused(set("fa.routed.example.", RRType.A, b -> b.setIdentifier("a").failover(ResourceRecordSetFailover.PRIMARY)
                .aliasTarget(a -> a.hostedZoneId(zoneId).dnsName("mix.routed.example.").evaluateTargetHealth(false))))
                .contains("must set EvaluateTargetHealth to true"));
        assertTrue(listed("two.routed.example.").isEmpty(), "a refused batch leaves nothing behind");
    }

    @Test
    void aliasTargetsMustExistOnThisAppliance() {
        send(otherZoneId, ChangeAction.CREATE, set("www.other.example.", RRType.A, b -> {
        }, "192.0.2.50"));
        create(set("to-other.routed.example.", RRType.A,
                b -> b.aliasTarget(a -> a.hostedZoneId(otherZoneId).dnsName("www.other.example").evaluateTargetHealth(false))));
        assertEquals(1, listed("to-other.routed.example.").size());
        assertTrue(refused(set("nowhere.routed.example.", RRType.A,
                b -> b.aliasTarget(a -> a.hostedZoneId(zoneId).dnsName("missing.routed.example.").evaluateTargetHealth(false))))
                .endsWith("but that target was not found]"));
        assertTrue(refused(set("outside.routed.example.", RRType.A,
                b -> b.aliasTarget(a -> a.hostedZoneId(otherZoneId).dnsName("www.routed.example.").evaluateTargetHealth(false))))
                .endsWith("but the alias target name does not lie within the target zone]"));
        assertTrue(refused(set("cloudfront.routed.example.", RRType.A,
                b -> b.aliasTarget(a -> a.hostedZoneId("Z2FDTNDATAQYW2").dnsName("d111111abcdef8.cloudfront.net.").evaluateTargetHealth(false))))
                .contains("does not exist on this appliance"));
    }

    @Test
    void unknownHealthChecksAndCidrCollectionsAreRefused() {
        assertThrows(NoSuchHealthCheckException.class, () -> create(set("hc.routed.example.", RRType.A,
                b -> b.setIdentifier("a").weight(1L).healthCheckId("00000000-0000-0000-0000-000000000000"), "192.0.2.1")));
        assertEquals("[The CIDR collection 11111111-2222-3333-4444-555555555555 does not exist.]",
                refused(set("cidr.routed.example.", RRType.A, b -> b.setIdentifier("a")
                        .cidrRoutingConfig(c -> c.collectionId("11111111-2222-3333-4444-555555555555").locationName("x")), "192.0.2.1")));
    }

    @Test
    void listingPagesThroughSetIdentifiers() {
        List<ResourceRecordSet> sets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            sets.add(set("page.routed.example.", RRType.A, b -> b.setIdentifier("id-" + n).weight(1L), "192.0.2." + (n + 1)));
        }
        create(sets.toArray(ResourceRecordSet[]::new));
        ListResourceRecordSetsResponse first = r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId)
                .startRecordName("page.routed.example.").startRecordType(RRType.A).maxItems("2"));
        assertTrue(first.isTruncated());
        assertEquals(List.of("id-0", "id-1"), first.resourceRecordSets().stream().map(ResourceRecordSet::setIdentifier).toList());
        assertEquals("id-2", first.nextRecordIdentifier());
        ListResourceRecordSetsResponse second = r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId)
                .startRecordName(first.nextRecordName()).startRecordType(first.nextRecordType())
                .startRecordIdentifier(first.nextRecordIdentifier()).maxItems("3"));
        assertEquals(List.of("id-2", "id-3", "id-4"), second.resourceRecordSets().stream().map(ResourceRecordSet::setIdentifier).toList());
        List<String> all = new ArrayList<>();
        r53.listResourceRecordSetsPaginator(b -> b.hostedZoneId(zoneId).maxItems("3")).resourceRecordSets()
                .forEach(r -> all.add(r.name() + " " + r.type() + " " + r.setIdentifier()));
        assertEquals(all.stream().distinct().count(), all.size(), "the paginator sees every set once");
        assertFalse(all.isEmpty());
    }
}
