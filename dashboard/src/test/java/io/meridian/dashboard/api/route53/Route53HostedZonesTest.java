package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHealthCheckException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.route53.model.Route53Exception;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GetHostedZone and ListHostedZones through the real AWS SDK, over zones imported from files. */
class Route53HostedZonesTest {
    static ApiTestServer server;
    static Route53Client r53;

    @BeforeAll
    static void start() throws Exception {
        server = ApiTestServer.start();
        Path second = Files.createTempFile(io.meridian.resolver.testing.DataDirs.fresh("zone-file"), "second", ".zone");
        Files.writeString(second, """
                $ORIGIN second.test.
                $TTL 300
                @ SOA ns1.second.test. hostmaster 1 3600 600 86400 60
                @ NS ns1
                @ NS ns2.elsewhere.example.
                ns1 A 192.0.2.1
                www A 192.0.2.80
                www AAAA 2001:db8::80
                *.w TXT "wild"
                """);
        server.plane.zones().importFile(second, null);
        r53 = server.client();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void listsEveryZoneWithItsIdNameAndRecordSetCount() {
        ListHostedZonesResponse list = r53.listHostedZones();
        assertFalse(list.isTruncated());
        assertEquals(2, list.hostedZones().size());
        HostedZone second = list.hostedZones().stream().filter(z -> z.name().equals("second.test.")).findFirst().orElseThrow();
        assertTrue(second.id().matches("(/hostedzone/)?Z[A-Z0-9]{13}"), second.id());
        // SOA, NS, ns1 A, www A, www AAAA, *.w TXT: six record sets of (name, type).
        assertEquals(6L, second.resourceRecordSetCount());
        assertFalse(second.config().privateZone());
    }

    @Test
    void pagesByMarker() {
        ListHostedZonesResponse first = r53.listHostedZones(b -> b.maxItems("1"));
        assertTrue(first.isTruncated());
        assertEquals(1, first.hostedZones().size());
        ListHostedZonesResponse rest = r53.listHostedZones(b -> b.maxItems("1").marker(first.nextMarker()));
        assertFalse(rest.isTruncated());
        assertEquals(1, rest.hostedZones().size());
        assertTrue(!first.hostedZones().get(0).id().equals(rest.hostedZones().get(0).id()));
        List<String> all = r53.listHostedZonesPaginator(b -> b.maxItems("1")).hostedZones().stream().map(HostedZone::name).toList();
        assertEquals(List.of(first.hostedZones().get(0).name(), rest.hostedZones().get(0).name()), all);
    }

    @Test
    void getsOneZoneWithItsDelegationSet() {
        String id = r53.listHostedZones().hostedZones().stream().filter(z -> z.name().equals("second.test.")).findFirst()
                .orElseThrow().id();
        GetHostedZoneResponse got = r53.getHostedZone(b -> b.id(id));
        assertEquals("second.test.", got.hostedZone().name());
        assertEquals(List.of("ns1.second.test", "ns2.elsewhere.example"), got.delegationSet().nameServers().stream().sorted().toList());
    }

    static String secondId() {
        return r53.listHostedZones().hostedZones().stream().filter(z -> z.name().equals("second.test.")).findFirst().orElseThrow().id();
    }

    @Test
    void listsRecordSetsInRoute53sOrderWithEscapedNames() {
        List<String> sets = r53.listResourceRecordSets(b -> b.hostedZoneId(secondId())).resourceRecordSets().stream()
                .map(r -> r.name() + " " + r.typeAsString() + " " + r.ttl() + " " + r.resourceRecords().stream().map(v -> v.value()).toList())
                .toList();
        assertEquals(List.of(
                "second.test. NS 300 [ns1.second.test., ns2.elsewhere.example.]",
                "second.test. SOA 300 [ns1.second.test. hostmaster.second.test. 1 3600 600 86400 60]",
                "ns1.second.test. A 300 [192.0.2.1]",
                "\\052.w.second.test. TXT 300 [\"wild\"]",
                "www.second.test. A 300 [192.0.2.80]",
                "www.second.test. AAAA 300 [2001:db8::80]"), sets);
    }

    @Test
    void pagesRecordSetsByNameAndType() {
        var first = r53.listResourceRecordSets(b -> b.hostedZoneId(secondId()).maxItems("2"));
        assertTrue(first.isTruncated());
        assertEquals("ns1.second.test.", first.nextRecordName());
        assertEquals("A", first.nextRecordTypeAsString());
        var rest = r53.listResourceRecordSets(b -> b.hostedZoneId(secondId()).startRecordName(first.nextRecordName())
                .startRecordType(first.nextRecordTypeAsString()));
        assertFalse(rest.isTruncated());
        assertEquals(4, rest.resourceRecordSets().size());
        assertEquals(6, r53.listResourceRecordSetsPaginator(b -> b.hostedZoneId(secondId()).maxItems("1")).resourceRecordSets().stream().count());
    }

    @Test
    void listsZonesByNameInReversedLabelOrderFromAName() {
        var all = r53.listHostedZonesByName();
        assertEquals(List.of("api.test.", "second.test."), all.hostedZones().stream().map(HostedZone::name).toList());
        var from = r53.listHostedZonesByName(b -> b.dnsName("second.test").maxItems("1"));
        assertEquals(List.of("second.test."), from.hostedZones().stream().map(HostedZone::name).toList());
        assertFalse(from.isTruncated());
        var first = r53.listHostedZonesByName(b -> b.maxItems("1"));
        assertTrue(first.isTruncated());
        assertEquals("second.test.", first.nextDNSName());
    }

    @Test
    void updatesAZoneCommentAndKeepsItsRecords() {
        String id = secondId();
        assertEquals("edited", r53.updateHostedZoneComment(b -> b.id(id).comment("edited")).hostedZone().config().comment());
        assertEquals("edited", r53.getHostedZone(b -> b.id(id)).hostedZone().config().comment());
        assertEquals(6L, r53.getHostedZone(b -> b.id(id)).hostedZone().resourceRecordSetCount());
        Route53Exception tooLong = assertThrows(Route53Exception.class,
                () -> r53.updateHostedZoneComment(b -> b.id(id).comment("x".repeat(257))));
        assertEquals("InvalidInput", tooLong.awsErrorDetails().errorCode());
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        String id = secondId().replace("/hostedzone/", "");
        r53.changeTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(id)
                .addTags(Tag.builder().key("team").value("dns").build(), Tag.builder().key("env").value("lab").build()));
        r53.changeTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(id).removeTagKeys("env"));
        List<Tag> tags = r53.listTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(id)).resourceTagSet().tags();
        assertEquals(List.of("team=dns"), tags.stream().map(t -> t.key() + "=" + t.value()).toList());
        String other = r53.listHostedZones().hostedZones().stream().filter(z -> z.name().equals("api.test.")).findFirst()
                .orElseThrow().id().replace("/hostedzone/", "");
        var sets = r53.listTagsForResources(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceIds(id, other)).resourceTagSets();
        assertEquals(2, sets.size());
        assertEquals(0, sets.get(1).tags().size());
        assertThrows(NoSuchHostedZoneException.class,
                () -> r53.listTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId("ZNOSUCHZONE0000")));
        assertThrows(NoSuchHealthCheckException.class,
                () -> r53.listTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId("abc")));
    }

    @Test
    void anUnknownIdIsNoSuchHostedZone() {
        NoSuchHostedZoneException e = assertThrows(NoSuchHostedZoneException.class, () -> r53.getHostedZone(b -> b.id("ZNOSUCHZONE0000")));
        assertEquals(404, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("ZNOSUCHZONE0000"));
    }

    @Test
    void aBadMaxItemsIsInvalidInput() {
        Route53Exception e = assertThrows(Route53Exception.class, () -> r53.listHostedZones(b -> b.maxItems("zero")));
        assertEquals(400, e.statusCode());
        assertEquals("InvalidInput", e.awsErrorDetails().errorCode());
    }
}
