package io.meridian.resolver.zone;

import io.meridian.resolver.wire.Name;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The name table compiled zones are found in: grows while it is built, and finds by bytes or by a name's suffix. */
class NameTableTest {
    private static byte[] wire(String... labels) {
        int length = 1;
        for (String l : labels) {
            length += 1 + l.length();
        }
        byte[] out = new byte[length];
        int p = 0;
        for (String l : labels) {
            out[p++] = (byte) l.length();
            for (char c : l.toCharArray()) {
                out[p++] = (byte) c;
            }
        }
        return out;
    }

    @Test
    void aTableSizedTooSmallGrowsAndKeepsEveryName() {
        NameTable<Integer> table = new NameTable<>(2);
        for (int i = 0; i < 5_000; i++) {
            table.put(wire("host" + i, "example", "test"), i);
        }
        assertEquals(5_000, table.size());
        for (int i = 0; i < 5_000; i++) {
            assertEquals(i, table.get(wire("host" + i, "example", "test")), "host" + i);
        }
        assertNull(table.get(wire("host5000", "example", "test")));
        int[] seen = new int[1];
        table.forEach(v -> seen[0]++);
        assertEquals(5_000, seen[0]);
    }

    @Test
    void puttingANameAgainReplacesItsValue() {
        NameTable<String> table = new NameTable<>(1);
        table.put(wire("a", "test"), "first");
        table.put(wire("a", "test"), "second");
        assertEquals(1, table.size());
        assertEquals("second", table.get(wire("a", "test")));
    }

    @Test
    void aQueryNameFindsTheEntryForEachOfItsSuffixes() {
        NameTable<String> table = new NameTable<>(1);
        for (int i = 0; i < 100; i++) {
            table.put(wire("n" + i, "test"), "n" + i);
        }
        String zone = "zone";
        table.put(wire("example", "test"), zone);
        Name query = Name.of(wire("www", "example", "test"));
        assertNull(table.get(query, 0));
        assertSame(zone, table.get(query, 1));
        assertNull(table.get(query, 2), "test. itself was never put");
    }
}
