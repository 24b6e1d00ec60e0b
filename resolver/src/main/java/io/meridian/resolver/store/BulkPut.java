package io.meridian.resolver.store;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * Puts many entries into a {@code byte[] -> byte[]} map from one thread, each key and value copied
 * into an array this writer keeps, so the map reads them in place. {@code map.put} wraps both
 * arrays of every call in a new reference-counted store, whose bookkeeping (a map lookup by class,
 * an atomic counter) took ~9% of a million-name import's writer thread. Same bytes, same hash:
 * entries put here are found by {@code map.get(byte[])} as any other.
 */
final class BulkPut {
    private final ChronicleMap<byte[], byte[]> map;
    private byte[] key = new byte[1024];
    private BytesStore<?, ?> keyStore = BytesStore.wrap(key);
    private byte[] value = new byte[1 << 16];
    private BytesStore<?, ?> valueStore = BytesStore.wrap(value);

    BulkPut(ChronicleMap<byte[], byte[]> map) {
        this.map = map;
    }

    /** As {@code map.put(k, v)}, without returning the value replaced. */
    void put(byte[] k, byte[] v) {
        put(k, v, v.length);
    }

    /** As {@link #put(byte[], byte[])} with the first {@code length} bytes of {@code v} as the value. */
    void put(byte[] k, byte[] v, int length) {
        if (k.length > key.length) {
            key = new byte[k.length];
            keyStore = BytesStore.wrap(key);
        }
        if (length > value.length) {
            value = new byte[length];
            valueStore = BytesStore.wrap(value);
        }
        System.arraycopy(k, 0, key, 0, k.length);
        System.arraycopy(v, 0, value, 0, length);
        try (ExternalMapQueryContext<byte[], byte[], ?> c = map.queryContext(keyStore, 0, k.length)) {
            c.updateLock().lock();
            Data<byte[]> data = c.wrapValueBytesAsData(valueStore, 0, length);
            MapEntry<byte[], byte[]> entry = c.entry();
            if (entry != null) {
                c.replaceValue(entry, data);
            } else {
                c.insert(c.absentEntry(), data);
            }
        }
    }
}
