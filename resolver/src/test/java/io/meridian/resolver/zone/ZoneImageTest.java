package io.meridian.resolver.zone;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A serving image written and read back in memory (the file handling is ZoneStore's, tested with restarts). */
class ZoneImageTest {
    @Test
    void aNodeBiggerThanTheWritersFirstBufferComesBackWhole() throws Exception {
        StringBuilder text = new StringBuilder("$ORIGIN big.test.\n$TTL 300\n@ SOA ns hostmaster 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n");
        for (int i = 0; i < 600; i++) {
            text.append("pool A 10.0.").append(i / 250).append('.').append(i % 250).append('\n');
            text.append("pool TXT \"record number ").append(i).append(" of a node far bigger than four kilobytes\"\n");
        }
        ServingZone compiled = ZoneCompiler.compile(ZoneFileParser.parse(text.toString(), "big", null));
        byte[] stamp = {1, 2, 3};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZoneImage.write(compiled, stamp, List.of(), out);

        ServingZone loaded = ZoneImage.read(ByteBuffer.wrap(out.toByteArray()), stamp).zone();
        byte[] pool = org.xbill.DNS.Name.fromString("pool.big.test.").toWireCanonical();
        Node before = compiled.nodes.get(pool);
        Node after = loaded.nodes.get(pool);
        assertEquals(2, after.rrsets.length);
        for (int i = 0; i < 2; i++) {
            assertEquals(600, after.rrsets[i].count());
            assertEquals(before.rrsets[i].rdataText(), after.rrsets[i].rdataText());
        }
        assertEquals(compiled.nodes.size(), loaded.nodes.size());
    }

    private static byte[] image(ServingZone zone) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZoneImage.write(zone, new byte[] {1}, List.of(), out);
        return out.toByteArray();
    }

    private static ServingZone compile(String origin) throws Exception {
        return ZoneCompiler.compile(ZoneFileParser.parse("$ORIGIN " + origin + "\n$TTL 300\n@ SOA ns hostmaster 1 2 3 4 5\n"
                + "@ NS ns\nns A 192.0.2.1\n*.w A 192.0.2.2\nsub NS ns.sub\nns.sub A 192.0.2.3\n@ MX 10 ns\n", "z", null));
    }

    @Test
    void aZoneWrittenAgainOrAfterAnotherGivesTheSameBytes() throws Exception {
        ServingZone a = compile("a.test.");
        byte[] first = image(a);
        image(compile("b.test."));
        assertArrayEquals(first, image(a));
    }

    @Test
    void aNodePointingOutsideItsZoneIsRefused() throws Exception {
        ServingZone a = compile("a.test.");
        ServingZone b = compile("b.test.");
        image(b); // b's nodes now have positions of their own image
        byte[] w = org.xbill.DNS.Name.fromString("w.a.test.").toWireCanonical();
        a.nodes.get(w).wildcard = b.nodes.get(org.xbill.DNS.Name.fromString("*.w.b.test.").toWireCanonical());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> image(a));
        assertTrue(e.getMessage().contains("not in the zone's table"), e.getMessage());
    }
}
