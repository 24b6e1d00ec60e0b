package io.meridian.resolver.wire;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A copy made by {@link Name#of} is sized to its name and reads exactly as a parsed name does. */
class NameTest {
    private static byte[] wire(String dotted) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String label : dotted.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write(0);
        return out.toByteArray();
    }

    @Test
    void aCopyIsSizedToItsNameAndMatchesAParsedOne() {
        byte[] w = wire("WWW.Example.COM");
        Name parsed = new Name();
        assertEquals(w.length, parsed.parse(w, 0, w.length));
        Name copy = Name.of(w);
        assertEquals(w.length, copy.lower.length, "no room beyond the name");
        assertEquals(parsed.labelCount() + 1, copy.suffixHash.length);
        assertEquals(parsed.length(), copy.length());
        assertEquals(parsed.labelCount(), copy.labelCount());
        assertArrayEquals(Arrays.copyOf(parsed.lower, parsed.length()), copy.lower);
        assertArrayEquals(Arrays.copyOf(parsed.suffixHash, parsed.labelCount() + 1), copy.suffixHash);
        assertEquals(true, copy.suffixEquals(1, wire("example.com")));
        assertEquals(1, Name.of(new byte[] {0}).length(), "the root");
    }

    @Test
    void textShowsTheNameAndNeverThrowsOnOneCutShort() {
        byte[] w = wire("www.example.com");
        assertEquals("www.example.com.", Name.text(w, w.length));
        assertEquals(".", Name.text(new byte[] {0}, 1));
        assertEquals("-", Name.text(new byte[0], 0), "no question: no name");
        // What a query-log reader may see while the answering thread rewrites the entry.
        assertEquals("ww.", Name.text(new byte[] {3, 'w', 'w'}, 3));
        assertEquals("www.ex.", Name.text(w, 7));
    }

    @Test
    void aMalformedNameIsRefusedWhateverIsWrongWithIt() {
        assertThrows(IllegalArgumentException.class, () -> Name.of(new byte[] {3, 'w', 'w'}), "a label past the end");
        assertThrows(IllegalArgumentException.class, () -> Name.of(new byte[] {3, 'w', 'w', 'w'}), "no root label");
        assertThrows(IllegalArgumentException.class, () -> Name.of(new byte[] {(byte) 0xC0, 12}), "a compression pointer");
        assertThrows(IllegalArgumentException.class, () -> Name.of(new byte[0]));
        byte[] tooLong = wire(String.join(".", java.util.Collections.nCopies(5, "a".repeat(60))));
        assertThrows(IllegalArgumentException.class, () -> Name.of(tooLong), "over 255 bytes");
    }
}
