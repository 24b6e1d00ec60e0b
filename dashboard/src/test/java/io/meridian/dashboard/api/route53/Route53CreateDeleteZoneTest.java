package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.ConflictingDomainExistsException;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZoneAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.HostedZoneNotEmptyException;
import software.amazon.awssdk.services.route53.model.InvalidDomainNameException;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.Route53Exception;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CreateHostedZone and DeleteHostedZone through the real AWS SDK, checked over DNS too. */
class Route53CreateDeleteZoneTest {
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

    static Message ask(String name, int type) throws Exception {
        return server.ask(name, type);
    }

    @Test
    void aNewZoneGetsRoute53sDefaultSoaAndNsAndIsServedAtOnce() throws Exception {
        CreateHostedZoneResponse created = r53.createHostedZone(b -> b.name("new.example").callerReference("create-1")
                .hostedZoneConfig(c -> c.comment("made by a test")));
        assertEquals("new.example.", created.hostedZone().name());
        assertEquals("made by a test", created.hostedZone().config().comment());
        assertEquals(2L, created.hostedZone().resourceRecordSetCount());
        assertEquals(ChangeStatus.INSYNC, created.changeInfo().status());
        assertEquals(ChangeStatus.INSYNC, r53.getChange(b -> b.id(created.changeInfo().id())).changeInfo().status());
        assertThrows(NoSuchChangeException.class, () -> r53.getChange(b -> b.id("CNOSUCHCHANGE00")));
        assertTrue(created.location().endsWith("/2013-04-01/hostedzone/" + created.hostedZone().id().replace("/hostedzone/", "")),
                created.location());
        assertEquals(List.of("ns1.appliance.test", "ns2.appliance.test"), created.delegationSet().nameServers());
        Message soa = ask("new.example.", Type.SOA);
        SOARecord record = (SOARecord) soa.getSection(Section.ANSWER).get(0);
        assertEquals(900, record.getTTL());
        assertEquals(86_400, record.getMinimum());
        assertEquals(2, ask("new.example.", Type.NS).getSection(Section.ANSWER).size());
    }

    @Test
    void theSameCallerReferenceTwiceIsHostedZoneAlreadyExists() {
        r53.createHostedZone(b -> b.name("twice.example").callerReference("same-ref"));
        HostedZoneAlreadyExistsException e = assertThrows(HostedZoneAlreadyExistsException.class,
                () -> r53.createHostedZone(b -> b.name("other.example").callerReference("same-ref")));
        assertEquals(409, e.statusCode());
        assertThrows(ConflictingDomainExistsException.class,
                () -> r53.createHostedZone(b -> b.name("twice.example.").callerReference("another-ref")));
    }

    @Test
    void badNamesAndMissingReferencesAreRefused() {
        assertThrows(InvalidDomainNameException.class,
                () -> r53.createHostedZone(b -> b.name("bad..name").callerReference("bad-1")));
        Route53Exception e = assertThrows(Route53Exception.class, () -> r53.createHostedZone(b -> b.name("x.example").callerReference("")));
        assertEquals("InvalidInput", e.awsErrorDetails().errorCode());
        assertThrows(Route53Exception.class, () -> r53.createHostedZone(b -> b.name("p.example").callerReference("private-1")
                .hostedZoneConfig(c -> c.privateZone(true))));
    }

    @Test
    void anEmptyZoneCanBeDeletedAndThenIsGone() throws Exception {
        String id = r53.createHostedZone(b -> b.name("gone.example").callerReference("delete-1")).hostedZone().id();
        assertEquals(ChangeStatus.INSYNC, r53.deleteHostedZone(b -> b.id(id)).changeInfo().status());
        assertThrows(NoSuchHostedZoneException.class, () -> r53.getHostedZone(b -> b.id(id)));
        assertEquals(Rcode.REFUSED, ask("gone.example.", Type.SOA).getRcode());
        assertThrows(NoSuchHostedZoneException.class, () -> r53.deleteHostedZone(b -> b.id(id)));
    }

    @Test
    void aZoneWithRecordsBesidesSoaAndNsCannotBeDeleted() {
        String id = r53.listHostedZones().hostedZones().stream().filter(z -> z.name().equals("api.test.")).findFirst()
                .orElseThrow().id();
        HostedZoneNotEmptyException e = assertThrows(HostedZoneNotEmptyException.class, () -> r53.deleteHostedZone(b -> b.id(id)));
        assertEquals(400, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("not SOA or NS"));
    }
}
