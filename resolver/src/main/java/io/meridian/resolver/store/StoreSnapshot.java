package io.meridian.resolver.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store's whole content at one moment, as files for a backup: each map's entries
 * ({@code zones.entries}, ...; only the names of each zone's current generation) and the change
 * journal's bytes ({@code changes.journal}). Entries stay in the store's own encodings, which
 * carry their format versions, so a restore writes back exactly what was read.
 * {@code store-format} names the data-directory format they belong to.
 */
public final class StoreSnapshot {
    static final String JOURNAL = "changes.journal";
    static final String SUFFIX = ".entries";

    private final Map<String, byte[]> files;

    StoreSnapshot(Map<String, byte[]> files) {
        this.files = Map.copyOf(files);
    }

    /** The snapshot in {@code files} (as {@link #files} gave them); unknown or missing files are refused. */
    public static StoreSnapshot of(Map<String, byte[]> files) throws IOException {
        List<String> expected = expectedFiles();
        if (!files.keySet().equals(new java.util.HashSet<>(expected))) {
            throw new IOException("a store snapshot has the files " + expected + ", not " + files.keySet());
        }
        for (String map : ZoneStore.MAPS) {
            entries(files.get(map + SUFFIX), map);
        }
        return new StoreSnapshot(files);
    }

    static List<String> expectedFiles() {
        List<String> names = new ArrayList<>();
        ZoneStore.MAPS.forEach(m -> names.add(m + SUFFIX));
        names.add(JOURNAL);
        names.add(ZoneStore.FORMAT_FILE);
        return names;
    }

    /** File name -> content. */
    public Map<String, byte[]> files() {
        return files;
    }

    /** Hosted zones in the snapshot. */
    public int zoneCount() {
        return entries("zones").size();
    }

    List<byte[][]> entries(String map) {
        try {
            return entries(files.get(map + SUFFIX), map);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // checked by of() or written by encode()
        }
    }

    static byte[] encode(Map<byte[], byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(entries.size());
            for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
                out.writeInt(e.getKey().length);
                out.write(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<byte[][]> entries(byte[] encoded, String map) throws IOException {
        List<byte[][]> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                out.add(new byte[][]{in.readNBytes(length(in, encoded)), in.readNBytes(length(in, encoded))});
            }
            if (in.available() > 0) {
                throw new IOException("trailing bytes");
            }
        } catch (IOException e) {
            throw new IOException("the " + map + " entries are damaged: " + e.getMessage(), e);
        }
        return out;
    }

    private static int length(DataInputStream in, byte[] encoded) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > encoded.length) {
            throw new IOException("an entry length of " + length + " bytes");
        }
        return length;
    }

    /** Collects map entries by map name, in the order {@link ZoneStore#MAPS} lists them. */
    static Map<String, byte[]> files(Map<String, Map<byte[], byte[]>> maps, byte[] journal, byte[] format) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        maps.forEach((name, entries) -> files.put(name + SUFFIX, encode(entries)));
        files.put(JOURNAL, journal);
        files.put(ZoneStore.FORMAT_FILE, format);
        return files;
    }
}
