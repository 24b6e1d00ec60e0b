package io.meridian.resolver.wire;

import java.util.Arrays;

/**
 * Builds {@link EncodedRRset}s at zone-compile time (never on the query path). Names inside RDATA
 * are passed apart from other bytes, marked compressible for the RFC 1035 types whose names a
 * server may compress (RFC 3597 §4 forbids it for any other type).
 */
public final class RRsetEncoder {
    private static final int FIXED = 10; // TYPE CLASS TTL RDLENGTH
    private final int type;
    private final int rrClass;
    private final long ttl;
    private byte[] out = new byte[64];
    private int size;
    /** Where each record starts; a record begins with the first bytes given for it. */
    private int[] starts = new int[2];
    private int count;
    private int[] namePos = new int[2];
    private int names;
    /** Start of the record being built, or -1 between records. */
    private int current = -1;

    public RRsetEncoder(int type, int rrClass, long ttl) {
        this.type = type;
        this.rrClass = rrClass;
        this.ttl = ttl;
    }

    /** Appends raw RDATA bytes to the record being built. */
    public RRsetEncoder bytes(byte[] b) {
        begin();
        append(b);
        return this;
    }

    /** Appends a name in uncompressed wire form; {@code compressible} lets the writer compress it. */
    public RRsetEncoder name(byte[] wire, boolean compressible) {
        begin();
        if (compressible) {
            if (names == namePos.length) {
                namePos = Arrays.copyOf(namePos, names * 2);
            }
            namePos[names++] = size;
        }
        append(wire);
        return this;
    }

    /** Finishes the current record. */
    public RRsetEncoder endRecord() {
        begin();
        Header.putU16(out, current + 8, size - current - FIXED);
        current = -1;
        return this;
    }

    public EncodedRRset build() {
        int[] rrStart = Arrays.copyOf(starts, count + 1);
        rrStart[count] = size;
        return new EncodedRRset(type, ttl, Arrays.copyOf(out, size), rrStart, Arrays.copyOf(namePos, names));
    }

    private void begin() {
        if (current >= 0) {
            return;
        }
        current = size;
        if (count + 1 >= starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[count++] = size;
        ensure(FIXED);
        Header.putU16(out, size, type);
        Header.putU16(out, size + 2, rrClass);
        Header.putU32(out, size + 4, ttl);
        size += FIXED; // RDLENGTH is written when the record ends
    }

    private void append(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, out, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }
}
