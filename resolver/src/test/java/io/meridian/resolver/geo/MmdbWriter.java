package io.meridian.resolver.geo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small MaxMind DB (format 2.0, IPv6 tree, 24-bit records) for tests: each network maps
 * to {"country": {"iso_code": CC}}, IPv4 networks in the ::/96 subtree as MaxMind's own
 * databases keep them. Enough of the format for MaxMind's reader; not a general writer.
 */
final class MmdbWriter {
    private final List<int[]> nodes = new ArrayList<>();   // [left, right]; -1 empty, < -1 data ref -(2 + index)
    private final List<Map<String, Object>> records = new ArrayList<>();

    MmdbWriter() {
        nodes.add(new int[] {-1, -1});
    }

    /** A network: 16 address bytes (IPv4 as ::a.b.c.d) and its prefix length in the 128-bit tree. */
    MmdbWriter add(byte[] address, int prefix, String country) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("iso_code", country);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("country", inner);
        return add(address, prefix, record);
    }

    /** A network with a City-style record: {"country": {...}, "subdivisions": [...], "location": {...}}. */
    MmdbWriter add(byte[] address, int prefix, Map<String, Object> record) {
        int data = -(2 + records.size());
        records.add(record);
        int node = 0;
        for (int bit = 0; bit < prefix; bit++) {
            int side = (address[bit / 8] >> (7 - bit % 8)) & 1;
            if (bit == prefix - 1) {
                nodes.get(node)[side] = data;
            } else {
                if (nodes.get(node)[side] < 0) {
                    nodes.add(new int[] {-1, -1});
                    nodes.get(node)[side] = nodes.size() - 1;
                }
                node = nodes.get(node)[side];
            }
        }
        return this;
    }

    void write(Path file) throws IOException {
        ByteArrayOutputStream dataSection = new ByteArrayOutputStream();
        int[] offsets = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            offsets[i] = dataSection.size();
            encode(dataSection, records.get(i));
        }
        int n = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] node : nodes) {
            for (int r : node) {
                int value = r == -1 ? n : r < -1 ? n + 16 + offsets[-(r + 2)] : r;
                out.write(value >>> 16);
                out.write(value >>> 8);
                out.write(value);
            }
        }
        out.write(new byte[16]);
        dataSection.writeTo(out);
        out.write(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.write("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("node_count", (long) n);
        meta.put("record_size", 24);
        meta.put("ip_version", 6);
        meta.put("database_type", "Meridian-Test-Country");
        meta.put("languages", List.of());
        meta.put("binary_format_major_version", 2);
        meta.put("binary_format_minor_version", 0);
        meta.put("build_epoch", new java.math.BigInteger("1700000000"));
        meta.put("description", Map.of());
        encode(out, meta);
        Files.write(file, out.toByteArray());
    }

    /** Strings (type 2), doubles (3), uint16 (5, Integer), uint32 (6, Long), maps (7), uint64 (9, BigInteger), arrays (11). */
    private static void encode(ByteArrayOutputStream out, Object value) throws IOException {
        if (value instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, b.length);
            out.write(b);
        } else if (value instanceof Double d) {
            control(out, 3, 8);
            long bits = Double.doubleToLongBits(d);
            for (int k = 7; k >= 0; k--) {
                out.write((int) (bits >>> (8 * k)));
            }
        } else if (value instanceof Integer i) {
            unsigned(out, 5, i);
        } else if (value instanceof Long l) {
            unsigned(out, 6, l);
        } else if (value instanceof java.math.BigInteger big) {
            unsigned(out, 9, big.longValueExact());
        } else if (value instanceof Map<?, ?> m) {
            control(out, 7, m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                encode(out, e.getKey());
                encode(out, e.getValue());
            }
        } else if (value instanceof List<?> list) {
            control(out, 11, list.size());
            for (Object o : list) {
                encode(out, o);
            }
        } else {
            throw new IllegalArgumentException("cannot encode " + value);
        }
    }

    private static void unsigned(ByteArrayOutputStream out, int type, long v) throws IOException {
        int len = 0;
        for (long x = v; x != 0; x >>>= 8) {
            len++;
        }
        control(out, type, len);
        for (int i = len - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    /** The control byte: types above 7 are "extended" (type 0, then type - 7 in the next byte). Sizes stay below 29. */
    private static void control(ByteArrayOutputStream out, int type, int size) throws IOException {
        if (size >= 29) {
            throw new IllegalArgumentException("sizes of 29 and more are not needed here");
        }
        if (type <= 7) {
            out.write((type << 5) | size);
        } else {
            out.write(size);
            out.write(type - 7);
        }
    }
}
