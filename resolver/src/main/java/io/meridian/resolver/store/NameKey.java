package io.meridian.resolver.store;

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

    static long generation(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    static byte[] origin(byte[] key) {
        int len = key[8] & 0xFF;
        return Arrays.copyOfRange(key, 9, 9 + len);
    }

    static boolean belongsTo(byte[] key, long generation, byte[] origin) {
        return generation(key) == generation && (key[8] & 0xFF) == origin.length
                && Arrays.equals(key, 9, 9 + origin.length, origin, 0, origin.length);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
