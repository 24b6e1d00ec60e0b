package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.CidrBlockInUseException;
import software.amazon.awssdk.services.route53.model.CidrBlockSummary;
import software.amazon.awssdk.services.route53.model.CidrCollection;
import software.amazon.awssdk.services.route53.model.CidrCollectionAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.CidrCollectionChangeAction;
import software.amazon.awssdk.services.route53.model.CidrCollectionInUseException;
import software.amazon.awssdk.services.route53.model.CidrCollectionVersionMismatchException;
import software.amazon.awssdk.services.route53.model.CollectionSummary;
import software.amazon.awssdk.services.route53.model.ListCidrBlocksResponse;
import software.amazon.awssdk.services.route53.model.LocationSummary;
import software.amazon.awssdk.services.route53.model.NoSuchCidrCollectionException;
import software.amazon.awssdk.services.route53.model.NoSuchCidrLocationException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.Route53Exception;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CIDR collections through the real AWS SDK: create, versioned changes, the three listings, delete (ROUTE53.md §1.4). */
class Route53CidrCollectionsTest {
    static ApiTestServer server;
    static Route53Client r53;

    @BeforeAll
    static void start() throws Exception {
        server = ApiTestServer.start();
        r53 = server.client();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void collectionsHoldLocationsOfBlocksChangedByVersion() {
        CidrCollection c = r53.createCidrCollection(b -> b.name("offices").callerReference("cidr-1")).collection();
        assertEquals(1L, c.version());
        assertEquals("arn:aws:route53:::cidrcollection/" + c.id(), c.arn());
        assertEquals(c.id(), r53.createCidrCollection(b -> b.name("offices").callerReference("cidr-1")).collection().id(),
                "the same request again is the same collection");
        assertThrows(CidrCollectionAlreadyExistsException.class,
                () -> r53.createCidrCollection(b -> b.name("offices").callerReference("cidr-other")));

        r53.changeCidrCollection(b -> b.id(c.id()).collectionVersion(1L).changes(
                ch -> ch.locationName("paris").action(CidrCollectionChangeAction.PUT).cidrList("198.51.100.0/24", "2001:DB8:0:0::/48"),
                ch -> ch.locationName("berlin").action(CidrCollectionChangeAction.PUT).cidrList("203.0.113.0/24")));
        assertThrows(CidrCollectionVersionMismatchException.class, () -> r53.changeCidrCollection(b -> b.id(c.id())
                .collectionVersion(1L).changes(ch -> ch.locationName("rome").action(CidrCollectionChangeAction.PUT).cidrList("192.0.2.0/24"))));

        assertEquals(List.of("berlin", "paris"), r53.listCidrLocations(b -> b.collectionId(c.id())).cidrLocations().stream()
                .map(LocationSummary::locationName).toList());
        List<String> paris = r53.listCidrBlocks(b -> b.collectionId(c.id()).locationName("paris")).cidrBlocks().stream()
                .map(CidrBlockSummary::cidrBlock).toList();
        assertEquals(List.of("198.51.100.0/24", "2001:db8::/48"), paris);
        assertThrows(NoSuchCidrLocationException.class, () -> r53.listCidrBlocks(b -> b.collectionId(c.id()).locationName("oslo")));

        ListCidrBlocksResponse first = r53.listCidrBlocks(b -> b.collectionId(c.id()).maxResults("2"));
        assertEquals(2, first.cidrBlocks().size());
        ListCidrBlocksResponse rest = r53.listCidrBlocks(b -> b.collectionId(c.id()).nextToken(first.nextToken()));
        assertEquals(1, rest.cidrBlocks().size());
        assertEquals(null, rest.nextToken());
        List<String> paged = new ArrayList<>();
        r53.listCidrBlocksPaginator(b -> b.collectionId(c.id()).maxResults("1")).cidrBlocks().forEach(s -> paged.add(s.cidrBlock()));
        assertEquals(3, paged.size());
        assertTrue(r53.listCidrCollections(b -> { }).cidrCollections().stream().map(CollectionSummary::name).toList().contains("offices"));
        assertEquals(2L, r53.listCidrCollections(b -> { }).cidrCollections().stream().filter(s -> s.id().equals(c.id()))
                .findFirst().orElseThrow().version());
    }

    @Test
    void badBlocksAreInvalidInputAndNothingChanges() {
        CidrCollection c = r53.createCidrCollection(b -> b.name("bad-blocks").callerReference("cidr-2")).collection();
        for (String bad : List.of("198.51.100.0", "198.51.100.0/33", "198.51.100.0/25", "198.51.100.1/24", "2001:db8::/64", "x/8", "0.0.0.0/0")) {
            Route53Exception e = assertThrows(Route53Exception.class, () -> r53.changeCidrCollection(b -> b.id(c.id())
                    .changes(ch -> ch.locationName("x").action(CidrCollectionChangeAction.PUT).cidrList("192.0.2.0/24", bad))));
            assertEquals("InvalidInput", e.awsErrorDetails().errorCode(), bad);
        }
        assertTrue(r53.listCidrLocations(b -> b.collectionId(c.id())).cidrLocations().isEmpty());
        assertThrows(NoSuchCidrCollectionException.class, () -> r53.listCidrLocations(b -> b.collectionId("00000000-0000-0000-0000-000000000000")));
    }

    @Test
    void collectionsAndLocationsInUseCannotGo() throws Exception {
        CidrCollection c = r53.createCidrCollection(b -> b.name("in-use").callerReference("cidr-3")).collection();
        r53.changeCidrCollection(b -> b.id(c.id()).changes(ch -> ch.locationName("lab").action(CidrCollectionChangeAction.PUT)
                .cidrList("192.0.2.0/24")));
        String zone = r53.createHostedZone(b -> b.name("cidr.example").callerReference("cidr-zone")).hostedZone().id();
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(cb -> cb.changes(ch -> ch.action(ChangeAction.CREATE)
                .resourceRecordSet(r -> r.name("www.cidr.example.").type(RRType.A).ttl(60L).setIdentifier("lab")
                        .cidrRoutingConfig(cr -> cr.collectionId(c.id()).locationName("lab"))
                        .resourceRecords(v -> v.value("192.0.2.10"))))));
        assertThrows(CidrBlockInUseException.class, () -> r53.changeCidrCollection(b -> b.id(c.id()).changes(ch -> ch
                .locationName("lab").action(CidrCollectionChangeAction.DELETE_IF_EXISTS).cidrList("192.0.2.0/24"))));
        assertThrows(CidrCollectionInUseException.class, () -> r53.deleteCidrCollection(b -> b.id(c.id())));

        r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(cb -> cb.changes(ch -> ch.action(ChangeAction.DELETE)
                .resourceRecordSet(r -> r.name("www.cidr.example.").type(RRType.A).ttl(60L).setIdentifier("lab")
                        .cidrRoutingConfig(cr -> cr.collectionId(c.id()).locationName("lab"))
                        .resourceRecords(v -> v.value("192.0.2.10"))))));
        r53.changeCidrCollection(b -> b.id(c.id()).changes(ch -> ch.locationName("lab")
                .action(CidrCollectionChangeAction.DELETE_IF_EXISTS).cidrList("192.0.2.0/24")));
        r53.deleteCidrCollection(b -> b.id(c.id()));
        assertThrows(NoSuchCidrCollectionException.class, () -> r53.deleteCidrCollection(b -> b.id(c.id())));
    }
}
