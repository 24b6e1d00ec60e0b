package io.meridian.resolver.zone;

import io.meridian.resolver.wire.Name;
import io.meridian.resolver.wire.NameHash;

/**
 * Open-addressing hash table from lower-case wire names to values, probed with the suffix hashes
 * a {@link Name} already carries, so a lookup neither copies nor allocates. Built once, then
 * read-only: a table is never changed after it is published to readers.
 */
final class NameTable<V> {
    private final byte[][] keys;
    private final int[] hashes;
    private final Object[] values;
    private final int mask;
    private int size;

    NameTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new byte[cap][];
        hashes = new int[cap];
        values = new Object[cap];
        mask = cap - 1;
    }

    void put(byte[] lowerName, V value) {
        int h = NameHash.of(lowerName);
        int i = spread(h) & mask;
        while (keys[i] != null) {
            if (hashes[i] == h && java.util.Arrays.equals(keys[i], lowerName)) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        if (size + 1 > (mask + 1) * 3 / 4) {
            throw new IllegalStateException("NameTable sized too small");
        }
        keys[i] = lowerName;
        hashes[i] = h;
        values[i] = value;
        size++;
    }

    /** The value for the suffix of {@code name} that starts at label {@code label}, or null. */
    @SuppressWarnings("unchecked")
    V get(Name name, int label) {
        int h = name.suffixHash[label];
        int i = spread(h) & mask;
        byte[] k;
        while ((k = keys[i]) != null) {
            if (hashes[i] == h && name.suffixEquals(label, k)) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** The value for a lower-case wire name (compile time and image loading; allocates nothing either). */
    @SuppressWarnings("unchecked")
    V get(byte[] lowerName) {
        int h = NameHash.of(lowerName);
        int i = spread(h) & mask;
        byte[] k;
        while ((k = keys[i]) != null) {
            if (hashes[i] == h && java.util.Arrays.equals(k, lowerName)) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    void forEach(java.util.function.Consumer<V> action) {
        for (Object v : values) {
            if (v != null) {
                action.accept((V) v);
            }
        }
    }

    int size() {
        return size;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
