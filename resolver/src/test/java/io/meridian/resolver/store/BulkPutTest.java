package io.meridian.resolver.store;

import net.openhft.chronicle.map.ChronicleMap;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BulkPutTest {
    @Test
    void entriesPutInBulkAreTheMapsOwnInsertedReplacedAndOfAnySize() {
        try (ChronicleMap<byte[], byte[]> map = ChronicleMap.of(byte[].class, byte[].class).name("bulk-put-test")
                .entries(1000).averageKeySize(40).averageValueSize(80).maxBloatFactor(4.0).create()) {
            map.put(bytes("old", 5), bytes("value", 10));
            BulkPut put = new BulkPut(map);
            for (int i = 0; i < 500; i++) {
                put.put(bytes("key" + i, 20), bytes("value" + i, 30 + i % 7));
            }
            put.put(bytes("old", 5), bytes("newer", 3));
            byte[] bigKey = bytes("k", 2000);
            byte[] bigValue = bytes("v", 100_000);
            put.put(bigKey, bigValue);
            put.put(bytes("after-big", 10), bytes("small", 4)); // the grown arrays hold stale bytes past these
            byte[] prefixed = bytes("prefix", 6);
            put.put(bytes("part", 1), prefixed, 4); // only the first four bytes are the value

            assertEquals(504, map.size());
            for (int i = 0; i < 500; i++) {
                assertArrayEquals(bytes("value" + i, 30 + i % 7), map.get(bytes("key" + i, 20)), "key" + i);
            }
            assertArrayEquals(bytes("newer", 3), map.get(bytes("old", 5)), "replaced, not added");
            assertArrayEquals(bigValue, map.get(bigKey));
            assertArrayEquals(bytes("small", 4), map.get(bytes("after-big", 10)));
            assertArrayEquals(Arrays.copyOf(prefixed, 4), map.get(bytes("part", 1)));
            assertNull(map.get(bytes("key500", 20)));
        }
    }

    /** {@code text} then its length in bytes, {@code pad} more bytes of '.' after it: keys that differ only in length too. */
    private static byte[] bytes(String text, int pad) {
        byte[] b = Arrays.copyOf(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII), text.length() + 1 + pad);
        b[text.length()] = (byte) pad;
        Arrays.fill(b, text.length() + 1, b.length, (byte) '.');
        return b;
    }
}
