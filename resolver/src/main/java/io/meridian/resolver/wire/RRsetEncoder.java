package io.meridian.resolver.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link EncodedRRset}s at zone-compile time (never on the query path). Names inside RDATA
 * are passed as separate parts so they can be compressed against the zone apex, as RFC 1035
 * §4.1.4 allows for the well-known types (RFC 3597 §4 forbids it for any other type).
 */
public final class RRsetEncoder {
    private final byte[] apexLower;
    private final int type;
    private final int rrClass;
    private final long ttl;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Integer> starts = new ArrayList<>();
    private final List<Integer> relocPos = new ArrayList<>();
    private final List<Integer> relocSuffix = new ArrayList<>();
    private final ByteArrayOutputStream rdata = new ByteArrayOutputStream();
    private final List<Integer> rdataRelocPos = new ArrayList<>();
    private final List<Integer> rdataRelocSuffix = new ArrayList<>();

    /** @param apexLower the zone apex in lower-case wire form: rdata names are compressed against its suffixes */
    public RRsetEncoder(byte[] apexLower, int type, int rrClass, long ttl) {
        this.apexLower = apexLower;
        this.type = type;
        this.rrClass = rrClass;
        this.ttl = ttl;
    }

    /** Appends raw RDATA bytes to the record being built. */
    public RRsetEncoder bytes(byte[] b) {
        rdata.write(b, 0, b.length);
        return this;
    }

    /** Appends a name (uncompressed wire form, any case) to the record being built, compressed if it can be. */
    public RRsetEncoder name(byte[] wire, boolean compress) {
        int suffix = compress ? longestApexSuffix(wire) : -1;
        if (suffix < 0) {
            rdata.write(wire, 0, wire.length);
            return this;
        }
        int prefix = wire.length - suffix;
        rdata.write(wire, 0, prefix);
        rdataRelocPos.add(rdata.size());
        rdataRelocSuffix.add(suffix);
        rdata.write(0xC0);
        rdata.write(0);
        return this;
    }

    /** Finishes the current record. */
    public RRsetEncoder endRecord() {
        int start = out.size();
        starts.add(start);
        byte[] fixed = new byte[10];
        Header.putU16(fixed, 0, type);
        Header.putU16(fixed, 2, rrClass);
        Header.putU32(fixed, 4, ttl);
        Header.putU16(fixed, 8, rdata.size());
        out.write(fixed, 0, fixed.length);
        for (int i = 0; i < rdataRelocPos.size(); i++) {
            relocPos.add(start + 10 + rdataRelocPos.get(i));
            relocSuffix.add(rdataRelocSuffix.get(i));
        }
        out.write(rdata.toByteArray(), 0, rdata.size());
        rdata.reset();
        rdataRelocPos.clear();
        rdataRelocSuffix.clear();
        return this;
    }

    public EncodedRRset build() {
        int[] rrStart = new int[starts.size() + 1];
        for (int i = 0; i < starts.size(); i++) {
            rrStart[i] = starts.get(i);
        }
        rrStart[starts.size()] = out.size();
        return new EncodedRRset(type, ttl, out.toByteArray(), rrStart,
                relocPos.stream().mapToInt(Integer::intValue).toArray(),
                relocSuffix.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Wire length of the longest non-root suffix shared by {@code wire} and the apex, or -1. */
    private int longestApexSuffix(byte[] wire) {
        int[] starts = labelStarts(wire);
        int[] apexStarts = labelStarts(apexLower);
        int best = -1;
        for (int i = starts.length - 1, j = apexStarts.length - 1; i >= 0 && j >= 0; i--, j--) {
            int len = wire.length - starts[i];
            if (len != apexLower.length - apexStarts[j] || !equalsIgnoreCase(wire, starts[i], apexLower, apexStarts[j], len)) {
                break;
            }
            best = len;
        }
        return best;
    }

    static int[] labelStarts(byte[] wire) {
        List<Integer> s = new ArrayList<>();
        int p = 0;
        while (wire[p] != 0) {
            s.add(p);
            p += 1 + (wire[p] & 0xFF);
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean equalsIgnoreCase(byte[] a, int aOff, byte[] b, int bOff, int len) {
        for (int k = 0; k < len; k++) {
            if (Name.toLower(a[aOff + k]) != Name.toLower(b[bOff + k])) {
                return false;
            }
        }
        return true;
    }
}
