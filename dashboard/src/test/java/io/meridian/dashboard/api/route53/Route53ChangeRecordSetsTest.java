package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ChangeResourceRecordSets for simple record sets through the real AWS SDK, checked over DNS. */
class Route53ChangeRecordSetsTest {
    static ApiTestServer server;
    static Route53Client r53;
    static String zoneId;

    @BeforeAll
    static void start() throws Exception {
        server = ApiTestServer.start();
        r53 = server.client();
        zoneId = r53.createHostedZone(b -> b.name("changes.example").callerReference("changes-1")).hostedZone().id();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Change change(ChangeAction action, String name, RRType type, long ttl, String... values) {
        return Change.builder().action(action).resourceRecordSet(ResourceRecordSet.builder().name(name).type(type).ttl(ttl)
                .resourceRecords(Arrays.stream(values).map(v -> ResourceRecord.builder().value(v).build()).toList()).build()).build();
    }

    static void send(Change... changes) {
        assertEquals(ChangeStatus.INSYNC, r53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId)
                .changeBatch(c -> c.changes(changes))).changeInfo().status());
    }

    static String reasons(InvalidChangeBatchException e) {
        assertEquals("InvalidChangeBatch", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }

    static List<String> answers(String name, int type) throws Exception {
        Message m = server.ask(name, type);
        return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).sorted().collect(Collectors.toList());
    }

    @Test
    void createdRecordsAreAnsweredAtOnceAndListed() throws Exception {
        send(change(ChangeAction.CREATE, "www.changes.example", RRType.A, 60, "192.0.2.1", "192.0.2.2"));
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), answers("www.changes.example.", Type.A));
        assertTrue(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId)).resourceRecordSets().stream()
                .anyMatch(r -> r.name().equals("www.changes.example.") && r.ttl() == 60 && r.resourceRecords().size() == 2));
    }

    @Test
    void testDnsAnswerReportsWhatTheDataPlaneAnswers() {
        send(change(ChangeAction.CREATE, "t.changes.example.", RRType.AAAA, 60, "2001:db8::1"));
        var hit = r53.testDNSAnswer(b -> b.hostedZoneId(zoneId).recordName("t.changes.example").recordType(RRType.AAAA));
        assertEquals("NOERROR", hit.responseCode());
        assertEquals(List.of("2001:db8::1"), hit.recordData());
        assertEquals("UDP", hit.protocol());
        var miss = r53.testDNSAnswer(b -> b.hostedZoneId(zoneId).recordName("nothing.changes.example").recordType(RRType.A));
        assertEquals("NXDOMAIN", miss.responseCode());
        assertTrue(miss.recordData().isEmpty());
    }

    @Test
    void upsertReplacesAndDeleteRemovesWhenTheValuesMatch() throws Exception {
        send(change(ChangeAction.UPSERT, "api.changes.example.", RRType.TXT, 300, "\"v1\""));
        send(change(ChangeAction.UPSERT, "api.changes.example.", RRType.TXT, 300, "\"v2\""));
        assertEquals(List.of("v2"), answers("api.changes.example.", Type.TXT));
        InvalidChangeBatchException mismatch = assertThrows(InvalidChangeBatchException.class,
                () -> send(change(ChangeAction.DELETE, "api.changes.example.", RRType.TXT, 300, "\"v1\"")));
        assertTrue(reasons(mismatch).endsWith("but the values provided do not match the current values]"), reasons(mismatch));
        send(change(ChangeAction.DELETE, "api.changes.example.", RRType.TXT, 300, "\"v2\""));
        assertEquals(Rcode.NXDOMAIN, server.ask("api.changes.example.", Type.TXT).getRcode());
    }

    @Test
    void aBatchWithOneBadChangeAppliesNothingAndListsEveryReason() throws Exception {
        InvalidChangeBatchException e = assertThrows(InvalidChangeBatchException.class, () -> send(
                change(ChangeAction.CREATE, "ok.changes.example.", RRType.A, 60, "192.0.2.9"),
                change(ChangeAction.CREATE, "elsewhere.example.org.", RRType.A, 60, "192.0.2.9"),
                change(ChangeAction.DELETE, "missing.changes.example.", RRType.A, 60, "192.0.2.9")));
        assertEquals(400, e.statusCode());
        assertEquals("[RRSet with DNS name elsewhere.example.org. is not permitted in zone changes.example., "
                + "Tried to delete resource record set [name='missing.changes.example.', type='A'] but it was not found]", reasons(e));
        assertEquals(Rcode.NXDOMAIN, server.ask("ok.changes.example.", Type.A).getRcode());
    }

    @Test
    void createTwiceAndCnameBesideOtherDataAreRefusedWithRoute53sWords() {
        send(change(ChangeAction.CREATE, "dup.changes.example.", RRType.A, 60, "192.0.2.3"));
        InvalidChangeBatchException twice = assertThrows(InvalidChangeBatchException.class,
                () -> send(change(ChangeAction.CREATE, "dup.changes.example.", RRType.A, 60, "192.0.2.3")));
        assertEquals("[Tried to create resource record set [name='dup.changes.example.', type='A'] but it already exists]",
                reasons(twice));
        InvalidChangeBatchException cname = assertThrows(InvalidChangeBatchException.class,
                () -> send(change(ChangeAction.CREATE, "dup.changes.example.", RRType.CNAME, 60, "www.changes.example.")));
        assertEquals("[RRSet of type CNAME with DNS name dup.changes.example. is not permitted as it conflicts with other"
                + " records with the same DNS name in zone changes.example.]", reasons(cname));
        send(change(ChangeAction.CREATE, "alias.changes.example.", RRType.CNAME, 60, "www.changes.example."));
        InvalidChangeBatchException besideCname = assertThrows(InvalidChangeBatchException.class,
                () -> send(change(ChangeAction.CREATE, "alias.changes.example.", RRType.TXT, 60, "\"x\"")));
        assertEquals("[RRSet of type TXT with DNS name alias.changes.example. is not permitted because a conflicting RRSet"
                + " of type  CNAME with the same DNS name already exists in zone changes.example.]", reasons(besideCname));
    }

    @Test
    void badValuesAreRefused() {
        InvalidChangeBatchException value = assertThrows(InvalidChangeBatchException.class,
                () -> send(change(ChangeAction.CREATE, "bad.changes.example.", RRType.A, 60, "192.0.2")));
        assertTrue(reasons(value).startsWith("[Invalid Resource Record: 'FATAL problem:"), reasons(value));
    }

    @Test
    void wildcardNamesTakeRoute53sOctalEscape() throws Exception {
        send(change(ChangeAction.CREATE, "\\052.wild.changes.example.", RRType.A, 60, "192.0.2.42"));
        assertEquals(List.of("192.0.2.42"), answers("anything.wild.changes.example.", Type.A));
    }
}
