package io.meridian.resolver.zone;

import io.meridian.resolver.testing.DataDirs;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Master;
import org.xbill.DNS.Record;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A zone file read in two halves on two threads gives exactly what one read gives, or is not split. */
class ZoneFileHalvesTest {
    private static final String HEADER = "; a zone\n$ORIGIN halves.test.\n\n$TTL 300\n";

    /** Records of every shape the split must not cut: blank owners, parentheses, quotes, comments. */
    private static String body(int owners) {
        StringBuilder b = new StringBuilder("@ SOA ns hostmaster ( 1 ; serial (not a paren)\n  3600 600\n  86400 60 )\n@ NS ns\n");
        for (int i = 0; i < owners; i++) {
            b.append("host").append(i).append(" A 10.0.").append(i / 250 % 250).append('.').append(i % 250).append('\n');
            b.append("        AAAA 2001:db8::").append(Integer.toHexString(i)).append('\n');
            b.append("txt").append(i).append(".halves.test. 60 TXT \"semi; colon ( and paren\" \"x\\\"y\"\n");
            b.append("mx").append(i).append(" MX ( 10\n   mail").append(i).append(" ) ; spread over lines\n");
            // TTL and class in every order dnsjava reads, the TTL as a number or with units, or left out.
            b.append("in").append(i).append(" IN A 192.0.2.").append(i % 250).append('\n');
            b.append("        in 120 AAAA ::").append(Integer.toHexString(i)).append('\n');
            b.append("ttlin").append(i).append(" 1h IN TXT x").append(i).append('\n');
            b.append("e\\ sc\\(").append(i).append(" A 192.0.2.1 ; an owner with an escaped blank and parenthesis\n");
        }
        return b.toString();
    }

    private static List<String> oneRead(String text) throws Exception {
        List<String> out = new ArrayList<>();
        try (Master m = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null)) {
            for (Record r; (r = m.nextRecord()) != null; ) {
                out.add(r.toString());
            }
        }
        return out;
    }

    private static List<String> inHalves(String text) {
        List<Record> records = ZoneFileHalves.read(text.getBytes(StandardCharsets.UTF_8), null);
        return records == null ? null : records.stream().map(Record::toString).toList();
    }

    @Test
    void twoHalvesGiveTheRecordsOfOneRead() throws Exception {
        for (int owners : new int[] {2, 3, 50, 997}) {
            String text = HEADER + body(owners);
            List<String> halves = inHalves(text);
            assertNotNull(halves, owners + " owners");
            assertEquals(oneRead(text), halves, owners + " owners");
        }
    }

    @Test
    void everyRecordWithoutATtlGetsTheDefaultWrittenIntoItsLine() {
        String lines = "a A 192.0.2.1\n  IN AAAA ::1\n\t; a comment\n\nb 60 A 192.0.2.2\nc IN 70 A 192.0.2.3\n"
                + "d TXT ( \"e A\"\n f g )\nh ch TXT x\n";
        byte[] text = lines.getBytes(StandardCharsets.US_ASCII);
        assertEquals("a 300 A 192.0.2.1\n  IN 300 AAAA ::1\n\t; a comment\n\nb 60 A 192.0.2.2\nc IN 70 A 192.0.2.3\n"
                        + "d 300 TXT ( \"e A\"\n f g )\nh ch 300 TXT x\n",
                ZoneFileHalves.withTtls(text, 0, text.length, 300).text());
        assertEquals(3600, ZoneFileHalves.defaultTtl("$TTL 60\n$TTL 1h ; the last one counts\na A 192.0.2.1\n"
                .getBytes(StandardCharsets.US_ASCII), 31));
    }

    @Test
    void recordsShorterThanTheRoomLeftForTheirTtlsStillGetThemAll() {
        String lines = "a A 1\n".repeat(1000);
        byte[] text = lines.getBytes(StandardCharsets.US_ASCII);
        assertEquals("a 2147483647 A 1\n".repeat(1000), ZoneFileHalves.withTtls(text, 0, text.length, 2147483647L).text());
    }

    @Test
    void aRecordWhoseFirstFieldsAreNotPlainWordsLeavesTheFileToOneRead() {
        assertNull(ZoneFileHalves.withTtls("a ( A 192.0.2.1 )\n".getBytes(StandardCharsets.US_ASCII), 0, 18, 300));
        assertNull(ZoneFileHalves.withTtls("a\n".getBytes(StandardCharsets.US_ASCII), 0, 2, 300), "an owner alone");
        assertNull(ZoneFileHalves.withTtls("a\\\nb A 192.0.2.1\n".getBytes(StandardCharsets.US_ASCII), 0, 17, 300), "an escaped line end");
        assertNull(inHalves(HEADER + body(20) + "x IN ( A 192.0.2.1 )\n"));
    }

    @Test
    void theSecondHalfStartsAtAnOwnerOutsideParentheses() {
        byte[] text = ("$TTL 1\na TXT ( \"" + "x".repeat(40) + "\"\n\"y\"\nb \"z\" )\nc A 192.0.2.1\n").getBytes(StandardCharsets.US_ASCII);
        int header = ZoneFileHalves.headerEnd(text);
        assertEquals(7, header);
        // The middle falls in a's first line; the two lines after it are inside a's parentheses ("b" is
        // one of its strings, not an owner), so c's line is the first place to split.
        assertEquals(new String(text, StandardCharsets.US_ASCII).indexOf("c A"), ZoneFileHalves.splitPoint(text, header));
    }

    @Test
    void filesWhoseStateAtALineDependsOnEarlierLinesAreNotSplit() {
        assertNull(inHalves("$ORIGIN halves.test.\n" + body(20)), "no $TTL: a TTL may come from the record before");
        assertNull(inHalves(HEADER + body(20) + "$ORIGIN other.test.\nx A 192.0.2.1\n"), "a directive after the records");
        assertNull(inHalves(HEADER + body(10) + "$TTL 60\n" + body(10)), "a $TTL after the records");
        assertNull(inHalves("$INCLUDE other.zone\n" + HEADER + body(20)), "$INCLUDE in the header");
        assertNull(inHalves(HEADER + "  A 192.0.2.1\n" + body(20)), "a first record without an owner");
        assertNull(inHalves(HEADER), "no records");
    }

    @Test
    void aHalfThatDoesNotParseLeavesTheFileToOneRead() {
        assertNull(inHalves(HEADER + body(20) + "bad A 300.1.1.1\n"), "an error in the second half");
        assertNull(inHalves(HEADER + "bad A 300.1.1.1\n" + body(20)), "an error in the first half");
    }

    @Test
    void aBigFileIsReadInHalvesAndItsErrorsNameTheirLine() throws Exception {
        String text = HEADER + body(30_000);
        assertTrue(text.length() >= ZoneFileHalves.MIN_BYTES, "big enough to be split: " + text.length());
        Path dir = DataDirs.fresh("halves");
        Path good = Files.writeString(dir.resolve("good.zone"), text);
        ZoneContent parsed = ZoneFileParser.parse(good, null);
        assertEquals(oneRead(text).size(), parsed.records().size());

        int lines = (int) text.chars().filter(c -> c == '\n').count();
        Path bad = Files.writeString(dir.resolve("bad.zone"), text + "bad A 300.1.1.1\n");
        ZoneException e = assertThrows(ZoneException.class, () -> ZoneFileParser.parse(bad, null));
        assertTrue(e.getMessage().contains("bad.zone:" + (lines + 1) + ":"), e.getMessage());
    }

    @Test
    void anOverlongWordIsQuotedShortInTheError() throws Exception {
        // A megabyte without a line end: what a binary file imported by mistake looks like.
        String text = HEADER + "x".repeat(1 << 20) + " A 192.0.2.1\n";
        Path file = Files.writeString(DataDirs.fresh("halves").resolve("long.zone"), text);
        ZoneException e = assertThrows(ZoneException.class, () -> ZoneFileParser.parse(file, null));
        String message = e.getMessage();
        assertTrue(message.length() < ZoneFileParser.MESSAGE_CHARS + 60, message.length() + " characters");
        assertTrue(message.contains("long.zone:"), message);
        assertTrue(message.contains("characters left out"), message);
        assertEquals("a short message", ZoneFileParser.shortened("a short message"));
    }
}
