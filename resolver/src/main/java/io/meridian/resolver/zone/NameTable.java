package io.meridian.resolver.zone;

import io.meridian.resolver.wire.Name;
import io.meridian.resolver.wire.NameHash;

/**
 * Open-addressing hash table from lower-case wire names to values, probed with the suffix hashes
 * a {@link Name} already carries, so a lookup neither copies nor allocates. Built once (growing
 * if it was sized too small: a compiled zone's empty non-terminals are not known in advance), then
 * read-only: a table is never changed after it is published to readers. Also what compiling a zone
 * finds its names in: no key object or map entry per name, on zones of millions.
 */
final class NameTable<V> {
    private byte[][] keys;
    private int[] hashes;
    private Object[] values;
    private int mask;
    private int size;

    NameTable(int expected) {
        allocate(Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1);
    }

    private void allocate(int capacity) {
        keys = new byte[capacity][];
        hashes = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    void put(byte[] lowerName, V value) {
        int h = NameHash.of(lowerName);
        int i = slot(lowerName, h);
        if (keys[i] != null) {
            values[i] = value;
            return;
        }
        if (size + 1 > (mask + 1) * 3 / 4) {
            grow();
            i = slot(lowerName, h);
        }
        keys[i] = lowerName;
        hashes[i] = h;
        values[i] = value;
        size++;
    }

    /** The slot holding {@code lowerName}, or the empty one where it would go. */
    private int slot(byte[] lowerName, int h) {
        int i = spread(h) & mask;
        while (keys[i] != null && !(hashes[i] == h && java.util.Arrays.equals(keys[i], lowerName))) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        Object[] oldValues = values;
        allocate(oldKeys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = spread(oldHashes[j]) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                hashes[i] = oldHashes[j];
                values[i] = oldValues[j];
            }
        }
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
        return (V) values[slot(lowerName, NameHash.of(lowerName))];
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
