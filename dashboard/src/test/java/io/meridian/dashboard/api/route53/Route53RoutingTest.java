package io.meridian.dashboard.api.route53;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing as a user sets it up: record sets and health checks through the AWS SDK, real local
 * HTTP and TCP endpoints started and stopped here, answers checked over DNS.
 */
class Route53RoutingTest {
    static ApiTestServer server;
    static Route53Client r53;
    static String zoneId;

    @BeforeAll
    static void start() throws Exception {
        server = ApiTestServer.start();
        r53 = server.client();
        zoneId = r53.createHostedZone(b -> b.name("steer.example").callerReference("steer-1")).hostedZone().id();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static ResourceRecordSet set(String name, Consumer<ResourceRecordSet.Builder> more, String value) {
        ResourceRecordSet.Builder b = ResourceRecordSet.builder().name(name).type(RRType.A).ttl(30L)
                .resourceRecords(r -> r.value(value));
        more.accept(b);
        return b.build();
    }

    static void create(ResourceRecordSet... sets) {
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(java.util.Arrays.stream(sets)
                .map(s -> software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.CREATE)
                        .resourceRecordSet(s).build()).toList())));
    }

    static List<String> answers(String name) throws Exception {
        return server.ask(name, Type.A).getSection(Section.ANSWER).stream().map(Record::rdataToString).sorted().toList();
    }

    static void awaitAnswer(String name, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> got = answers(name);
        while (!got.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            got = answers(name);
        }
        assertEquals(expected, got, name);
    }

    static String check(String ref, HealthCheckType type, int port) {
        return r53.createHealthCheck(b -> b.callerReference(ref).healthCheckConfig(c -> c.type(type).ipAddress("127.0.0.1")
                .port(port).requestInterval(1).failureThreshold(1))).healthCheck().id();
    }

    static HttpServer http() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        s.start();
        return s;
    }

    @Test
    void failoverFollowsARealHttpEndpointDownAndBackUp() throws Exception {
        HttpServer primary = http();
        int port = primary.getAddress().getPort();
        String hc = check("steer-primary", HealthCheckType.HTTP, port);
        create(set("www.steer.example.", b -> b.setIdentifier("main").failover(ResourceRecordSetFailover.PRIMARY).healthCheckId(hc), "192.0.2.10"),
                set("www.steer.example.", b -> b.setIdentifier("sorry").failover(ResourceRecordSetFailover.SECONDARY), "192.0.2.20"));
        awaitAnswer("www.steer.example.", List.of("192.0.2.10"));
        primary.stop(0);
        awaitAnswer("www.steer.example.", List.of("192.0.2.20"));
        HttpServer again = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        again.createContext("/", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        again.start();
        try {
            awaitAnswer("www.steer.example.", List.of("192.0.2.10"));
        } finally {
            again.stop(0);
        }
    }

    @Test
    void multivalueDropsATcpEndpointThatStopsListening() throws Exception {
        try (ServerSocket a = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String hcA = check("steer-tcp-a", HealthCheckType.TCP, a.getLocalPort());
            String hcB = check("steer-tcp-b", HealthCheckType.TCP, b.getLocalPort());
            create(set("mv.steer.example.", x -> x.setIdentifier("a").multiValueAnswer(true).healthCheckId(hcA), "192.0.2.31"),
                    set("mv.steer.example.", x -> x.setIdentifier("b").multiValueAnswer(true).healthCheckId(hcB), "192.0.2.32"),
                    set("mv.steer.example.", x -> x.setIdentifier("c").multiValueAnswer(true), "192.0.2.33"));
            awaitAnswer("mv.steer.example.", List.of("192.0.2.31", "192.0.2.32", "192.0.2.33"));
            b.close();
            awaitAnswer("mv.steer.example.", List.of("192.0.2.31", "192.0.2.33"));
        }
    }

    @Test
    void weightedSetsShareTheAnswersAndAnAliasAtTheApexServesThem() throws Exception {
        create(set("lb.steer.example.", b -> b.setIdentifier("blue").weight(1L), "192.0.2.51"),
                set("lb.steer.example.", b -> b.setIdentifier("green").weight(1L), "192.0.2.52"),
                ResourceRecordSet.builder().name("steer.example.").type(RRType.A)
                        .aliasTarget(a -> a.hostedZoneId(zoneId).dnsName("lb.steer.example.").evaluateTargetHealth(true)).build());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200 && seen.size() < 2; i++) {
            List<String> one = answers("steer.example.");
            assertEquals(1, one.size());
            seen.addAll(one);
        }
        assertEquals(Set.of("192.0.2.51", "192.0.2.52"), seen);
        var test = r53.testDNSAnswer(b -> b.hostedZoneId(zoneId).recordName("steer.example").recordType(RRType.A));
        assertEquals("NOERROR", test.responseCode());
        assertEquals(1, test.recordData().size());
    }

    @Test
    void geolocationAnswersByTheClientSubnetAResolverSends() throws Exception {
        create(set("geo.steer.example.", b -> b.setIdentifier("france").geoLocation(g -> g.countryCode("FR")), "192.0.2.61"),
                set("geo.steer.example.", b -> b.setIdentifier("europe").geoLocation(g -> g.continentCode("EU")), "192.0.2.62"),
                set("geo.steer.example.", b -> b.setIdentifier("rest").geoLocation(g -> g.countryCode("*")), "192.0.2.63"));
        org.xbill.DNS.Message fr = server.ask("geo.steer.example.", Type.A, "198.51.100.0", 24);
        assertEquals(List.of("192.0.2.61"), fr.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList());
        var ecs = (org.xbill.DNS.ClientSubnetOption) fr.getOPT().getOptions(org.xbill.DNS.EDNSOption.Code.CLIENT_SUBNET).get(0);
        assertEquals(24, ecs.getScopePrefixLength());
        assertEquals(List.of("192.0.2.63"), server.ask("geo.steer.example.", Type.A, "203.0.113.0", 24)
                .getSection(Section.ANSWER).stream().map(Record::rdataToString).toList());
        assertEquals(List.of("192.0.2.63"), answers("geo.steer.example."), "a loopback resolver is nowhere: the default");
        var viaApi = r53.testDNSAnswer(b -> b.hostedZoneId(zoneId).recordName("geo.steer.example").recordType(RRType.A)
                .edns0ClientSubnetIP("198.51.100.20"));
        assertEquals(List.of("192.0.2.61"), viaApi.recordData(), "TestDNSAnswer with a client subnet (default mask /24)");
        assertEquals(List.of("192.0.2.61"), r53.testDNSAnswer(b -> b.hostedZoneId(zoneId).recordName("geo.steer.example")
                .recordType(RRType.A).resolverIP("198.51.100.9")).recordData(), "TestDNSAnswer from a resolver in France");

        // The geo database is followed on disk: a broken file is refused and the old data stays,
        // a good one moves 203.0.113.0/24 to France within a second or two, with no restart.
        java.nio.file.Files.writeString(server.geoDir.resolve("geoip"), "garbage\n");
        Thread.sleep(2500);
        assertEquals(List.of("192.0.2.61"), server.ask("geo.steer.example.", Type.A, "198.51.100.0", 24)
                .getSection(Section.ANSWER).stream().map(Record::rdataToString).toList());
        java.nio.file.Files.writeString(server.geoDir.resolve("geoip"), "3325256704,3325256959,FR\n3405803776,3405804031,FR\n");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> moved = List.of();
        while (!moved.equals(List.of("192.0.2.61")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            moved = server.ask("geo.steer.example.", Type.A, "203.0.113.0", 24).getSection(Section.ANSWER).stream()
                    .map(Record::rdataToString).toList();
        }
        assertEquals(List.of("192.0.2.61"), moved, "the reloaded database places 203.0.113.0/24 in France");
        // Put the United States back for the other tests of this server.
        java.nio.file.Files.writeString(server.geoDir.resolve("geoip"), "3325256704,3325256959,FR\n3405803776,3405804031,US\n");
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answersFor("geo.steer.example.", "203.0.113.0").equals(List.of("192.0.2.63")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(List.of("192.0.2.63"), answersFor("geo.steer.example.", "203.0.113.0"));
    }

    static List<String> answersFor(String name, String subnet) throws Exception {
        return server.ask(name, Type.A, subnet, 24).getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
    }

    @Test
    void ipBasedRoutingFollowsACidrCollectionAndItsChanges() throws Exception {
        String collection = r53.createCidrCollection(b -> b.name("steer-offices").callerReference("steer-cidr")).collection().id();
        r53.changeCidrCollection(b -> b.id(collection).changes(c -> c.locationName("hq")
                .action(software.amazon.awssdk.services.route53.model.CidrCollectionChangeAction.PUT).cidrList("198.51.100.0/24")));
        create(set("ip.steer.example.", b -> b.setIdentifier("hq").cidrRoutingConfig(c -> c.collectionId(collection).locationName("hq")),
                        "192.0.2.71"),
                set("ip.steer.example.", b -> b.setIdentifier("rest").cidrRoutingConfig(c -> c.collectionId(collection).locationName("*")),
                        "192.0.2.72"));
        assertEquals(List.of("192.0.2.71"), answersFor("ip.steer.example.", "198.51.100.0"));
        assertEquals(List.of("192.0.2.72"), answersFor("ip.steer.example.", "203.0.113.0"));
        r53.changeCidrCollection(b -> b.id(collection).changes(c -> c.locationName("hq")
                .action(software.amazon.awssdk.services.route53.model.CidrCollectionChangeAction.PUT).cidrList("203.0.113.0/24")));
        assertEquals(List.of("192.0.2.71"), answersFor("ip.steer.example.", "203.0.113.0"), "a changed collection is served at once");
    }

    @Test
    void latencyAnswersTheNearestRegionForTheClientSubnet() throws Exception {
        create(set("lat.steer.example.", b -> b.setIdentifier("paris").region("eu-west-3"), "192.0.2.81"),
                set("lat.steer.example.", b -> b.setIdentifier("virginia").region("us-east-1"), "192.0.2.82"));
        assertEquals(List.of("192.0.2.81"), answersFor("lat.steer.example.", "198.51.100.0"), "France -> Paris");
        assertEquals(List.of("192.0.2.82"), answersFor("lat.steer.example.", "203.0.113.0"), "United States -> Virginia");
    }

    @Test
    void aCalculatedCheckOverRealEndpointsDrivesFailover() throws Exception {
        HttpServer one = http();
        HttpServer two = http();
        String a = check("steer-calc-a", HealthCheckType.HTTP, one.getAddress().getPort());
        String b = check("steer-calc-b", HealthCheckType.HTTP, two.getAddress().getPort());
        String both = r53.createHealthCheck(x -> x.callerReference("steer-calc").healthCheckConfig(c -> c
                .type(HealthCheckType.CALCULATED).healthThreshold(2).childHealthChecks(a, b))).healthCheck().id();
        create(set("calc.steer.example.", x -> x.setIdentifier("main").failover(ResourceRecordSetFailover.PRIMARY).healthCheckId(both),
                        "192.0.2.91"),
                set("calc.steer.example.", x -> x.setIdentifier("dr").failover(ResourceRecordSetFailover.SECONDARY), "192.0.2.92"));
        try {
            awaitAnswer("calc.steer.example.", List.of("192.0.2.91"));
            two.stop(0);
            awaitAnswer("calc.steer.example.", List.of("192.0.2.92"));
        } finally {
            one.stop(0);
            two.stop(0);
        }
    }
}
