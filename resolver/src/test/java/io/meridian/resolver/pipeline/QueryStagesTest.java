package io.meridian.resolver.pipeline;

import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.testing.Wire;
import io.meridian.resolver.zone.ZoneIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryStagesTest {
    static ZoneIndex zones;

    @BeforeAll
    static void compile() throws Exception {
        zones = new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM)));
    }

    private static byte[] answer(byte[] query, boolean tcp) {
        QuerySlot slot = new QuerySlot(65535);
        System.arraycopy(query, 0, slot.in, 0, query.length);
        slot.inLength = query.length;
        new QueryStages(() -> zones, 1232).process(slot, tcp);
        return slot.outLength < 0 ? null : Arrays.copyOf(slot.out, slot.outLength);
    }

    @Test
    void answersAnAddressWithTheseExactBytes() {
        byte[] got = answer(Wire.query(0xBEEF, "www.example.com.", Type.A), false);
        byte[] want = Wire.hex("""
                BEEF 8500 0001 0001 0000 0000
                03 777777 07 6578616d706c65 03 636f6d 00 0001 0001
                C00C 0001 0001 00000E10 0004 C0000250
                """);
        assertEquals(HexFormat.of().formatHex(want), HexFormat.of().formatHex(got));
    }

    @Test
    void followsACnameCompressingTheTargetAgainstTheQuestionAndTheNextOwnerAgainstTheTarget() {
        byte[] got = answer(Wire.query(0x0102, "api.example.com.", Type.A), false);
        byte[] want = Wire.hex("""
                0102 8500 0001 0002 0000 0000
                03 617069 07 6578616d706c65 03 636f6d 00 0001 0001
                C00C 0005 0001 00000E10 0006 03777777 C010
                C02D 0001 0001 00000E10 0004 C0000250
                """);
        assertEquals(HexFormat.of().formatHex(want), HexFormat.of().formatHex(got));
    }

    @Test
    void echoesTheQuestionsLetterCaseExactly() {
        byte[] query = Wire.query(7, "WwW.ExAmple.COM.", Type.A);
        byte[] got = answer(query, false);
        assertArrayEquals(Arrays.copyOfRange(query, 12, query.length), Arrays.copyOfRange(got, 12, query.length));
        assertEquals(1, Wire.parse(got, got.length).getSection(Section.ANSWER).size());
    }

    @Test
    void putsTheSoaWithItsNegativeTtlInNxdomainAnswers() {
        Message m = parse(answer(Wire.query(1, "nope.example.com.", Type.A), false));
        assertEquals(Rcode.NXDOMAIN, m.getRcode());
        assertEquals(Type.SOA, m.getSection(Section.AUTHORITY).get(0).getType());
        assertEquals(300, m.getSection(Section.AUTHORITY).get(0).getTTL());
    }

    @Test
    void stopsACnameLoopAfterEachLinkOnce() {
        Message m = parse(answer(Wire.query(1, "loop1.example.com.", Type.A), false));
        assertEquals(2, m.getSection(Section.ANSWER).size());
        assertEquals(Rcode.NOERROR, m.getRcode());
    }

    @Test
    void aCnameToAMissingNameEndsInNxdomain() {
        Message m = parse(answer(Wire.query(1, "dangling.example.com.", Type.A), false));
        assertEquals(Rcode.NXDOMAIN, m.getRcode());
        assertEquals(1, m.getSection(Section.ANSWER).size());
    }

    @Test
    void synthesizesFromTheWildcardButNotBelowAnExistingName() {
        Message hit = parse(answer(Wire.query(1, "x.y.wild.example.com.", Type.A), false));
        assertEquals("x.y.wild.example.com.", hit.getSection(Section.ANSWER).get(0).getName().toString());
        Message below = parse(answer(Wire.query(1, "x.host.wild.example.com.", Type.A), false));
        assertEquals(Rcode.NXDOMAIN, below.getRcode());
    }

    @Test
    void answersAnEmptyNonTerminalWithNodata() {
        Message m = parse(answer(Wire.query(1, "c.ent.example.com.", Type.A), false));
        assertEquals(Rcode.NOERROR, m.getRcode());
        assertEquals(0, m.getSection(Section.ANSWER).size());
        assertEquals(Type.SOA, m.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void refersBelowADelegationWithGlueAndNoAa() {
        Message m = parse(answer(Wire.query(1, "www.sub.example.com.", Type.A), false));
        assertTrue(!m.getHeader().getFlag(org.xbill.DNS.Flags.AA));
        assertEquals(2, m.getSection(Section.AUTHORITY).size());
        assertEquals("ns.sub.example.com.", m.getSection(Section.ADDITIONAL).get(0).getName().toString());
    }

    @Test
    void answersDsAtTheCutFromTheParentSide() {
        Message m = parse(answer(Wire.query(1, "sub.example.com.", Type.DS), false));
        assertTrue(m.getHeader().getFlag(org.xbill.DNS.Flags.AA));
        assertEquals(Type.DS, m.getSection(Section.ANSWER).get(0).getType());
    }

    @Test
    void refusesNamesOutsideEveryZone() {
        assertEquals(Rcode.REFUSED, parse(answer(Wire.query(1, "example.org.", Type.A), false)).getRcode());
    }

    @Test
    void answersBadversToEdnsVersionOne() {
        byte[] q = Wire.query(1, "www.example.com.", Type.A, 1232, false);
        q[q.length - 11 + 6] = 1; // OPT TTL byte 2 = version
        Message m = parse(answer(q, false));
        assertEquals(Rcode.BADVERS, m.getRcode());
    }

    @Test
    void neverAnswersAResponse() {
        byte[] q = Wire.query(1, "www.example.com.", Type.A);
        q[2] |= (byte) 0x80;
        assertEquals(null, answer(q, false));
    }

    private static Message parse(byte[] wire) {
        return Wire.parse(wire, wire.length);
    }
}
