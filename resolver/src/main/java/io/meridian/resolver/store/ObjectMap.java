package io.meridian.resolver.store;

import net.openhft.chronicle.map.ChronicleMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Control-plane objects (health checks, CIDR collections) by Id, each as its serialized bytes. */
public final class ObjectMap implements AutoCloseable {
    private final ChronicleMap<byte[], byte[]> map;

    ObjectMap(ChronicleMap<byte[], byte[]> map) {
        this.map = map;
    }

    public void put(String id, byte[] value) {
        map.put(key(id), value);
    }

    /** The stored bytes, or null. */
    public byte[] get(String id) {
        return map.get(key(id));
    }

    public List<byte[]> values() {
        return new ArrayList<>(map.values());
    }

    public void remove(String id) {
        map.remove(key(id));
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        map.close();
    }
}
