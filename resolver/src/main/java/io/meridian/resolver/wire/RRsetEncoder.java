package io.meridian.resolver.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link EncodedRRset}s at zone-compile time (never on the query path). Names inside RDATA
 * are passed apart from other bytes, marked compressible for the RFC 1035 types whose names a
 * server may compress (RFC 3597 §4 forbids it for any other type).
 */
public final class RRsetEncoder {
    private final int type;
    private final int rrClass;
    private final long ttl;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Integer> starts = new ArrayList<>();
    private final List<Integer> namePos = new ArrayList<>();
    private final ByteArrayOutputStream rdata = new ByteArrayOutputStream();
    private final List<Integer> rdataNames = new ArrayList<>();

    public RRsetEncoder(int type, int rrClass, long ttl) {
        this.type = type;
        this.rrClass = rrClass;
        this.ttl = ttl;
    }

    /** Appends raw RDATA bytes to the record being built. */
    public RRsetEncoder bytes(byte[] b) {
        rdata.write(b, 0, b.length);
        return this;
    }

    /** Appends a name in uncompressed wire form; {@code compressible} lets the writer compress it. */
    public RRsetEncoder name(byte[] wire, boolean compressible) {
        if (compressible) {
            rdataNames.add(rdata.size());
        }
        rdata.write(wire, 0, wire.length);
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
        for (int at : rdataNames) {
            namePos.add(start + 10 + at);
        }
        out.writeBytes(rdata.toByteArray());
        rdata.reset();
        rdataNames.clear();
        return this;
    }

    public EncodedRRset build() {
        int[] rrStart = new int[starts.size() + 1];
        for (int i = 0; i < starts.size(); i++) {
            rrStart[i] = starts.get(i);
        }
        rrStart[starts.size()] = out.size();
        int[] names = new int[namePos.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = namePos.get(i);
        }
        return new EncodedRRset(type, ttl, out.toByteArray(), rrStart, names);
    }
}
