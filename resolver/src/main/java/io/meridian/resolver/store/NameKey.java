package io.meridian.resolver.store;

import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.Data;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Key layout of the names map: generation (8 bytes), origin length (1), origin (lower-case
 * wire), owner (lower-case wire).
 */
final class NameKey {
    private NameKey() {
    }

    static byte[] of(long generation, byte[] origin, byte[] owner) {
        return ByteBuffer.allocate(9 + origin.length + owner.length)
                .putLong(generation).put((byte) origin.length).put(origin).put(owner).array();
    }

    /** What every key of one generation of one zone starts with. */
    static byte[] prefix(long generation, byte[] origin) {
        return of(generation, origin, new byte[0]);
    }

    /** Whether a key, read in place in the map, starts with {@code prefix}. */
    static boolean startsWith(Data<byte[]> key, byte[] prefix) {
        if (key.size() < prefix.length) {
            return false;
        }
        RandomDataInput bytes = key.bytes();
        long at = key.offset();
        for (int i = 0; i < prefix.length; i++) {
            if (bytes.readByte(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static long generation(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    static byte[] origin(byte[] key) {
        int len = key[8] & 0xFF;
        return Arrays.copyOfRange(key, 9, 9 + len);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
