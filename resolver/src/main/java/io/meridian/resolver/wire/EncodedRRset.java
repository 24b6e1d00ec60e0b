package io.meridian.resolver.wire;

import java.nio.ByteBuffer;

/**
 * One RRset pre-encoded in wire format at compile time, ready to be copied into any response.
 *
 * <p>Each record is stored without its owner name, as TYPE CLASS TTL RDLENGTH RDATA with every
 * name in RDATA uncompressed. The owner, and the RDATA names that RFC 1035 lets a server
 * compress ({@link #namePos}), are compressed by {@link ResponseWriter} against the names already
 * in the response, as Knot DNS does, so responses have the same size and truncate alike.
 */
public final class EncodedRRset {
    public final int type;
    public final long ttl;
    final byte[] data;
    /**
     * Start of each record in {@link #data}, plus the end as the last element; null for the usual
     * single record (0 to the end of data), which spares a query one array to fetch and a big zone
     * one object per RRset.
     */
    private final int[] rrStart;
    private final int count;
    /** Offsets in {@link #data} of the compressible names inside RDATA, in increasing order. */
    final int[] namePos;

    EncodedRRset(int type, long ttl, byte[] data, int[] rrStart, int[] namePos) {
        this.type = type;
        this.ttl = ttl;
        this.data = data;
        boolean single = rrStart.length == 2 && rrStart[0] == 0 && rrStart[1] == data.length;
        this.rrStart = single ? null : rrStart;
        this.count = rrStart.length - 1;
        this.namePos = namePos.length == 0 ? NO_OFFSETS : namePos;
    }

    /** Where record {@code i} starts in {@link #data}. */
    int start(int i) {
        return rrStart == null ? 0 : rrStart[i];
    }

    /** Where record {@code i} ends in {@link #data}. */
    int end(int i) {
        return rrStart == null ? data.length : rrStart[i + 1];
    }

    /**
     * Writes this RRset for a persisted serving view; {@link #read} gives it back unchanged. Throws
     * BufferOverflowException, the buffer unchanged past its position, if it does not fit.
     */
    public void write(ByteBuffer out) {
        out.putShort((short) type);
        out.putInt((int) ttl);
        out.putInt(data.length);
        out.put(data);
        out.putInt(count + 1);
        for (int i = 0; i < count; i++) {
            out.putInt(start(i));
        }
        out.putInt(data.length);
        out.putInt(namePos.length);
        for (int v : namePos) {
            out.putInt(v);
        }
    }

    /**
     * Reads what {@link #write} wrote. A damaged buffer ends in an unchecked exception (the caller
     * rejects the whole image); offsets are checked against the data so a bad one cannot reach a query.
     */
    public static EncodedRRset read(ByteBuffer in) {
        int type = in.getShort() & 0xFFFF;
        long ttl = Integer.toUnsignedLong(in.getInt());
        byte[] data = new byte[in.getInt()];
        in.get(data);
        int[] rrStart = readOffsets(in, data.length);
        int[] namePos = readOffsets(in, data.length);
        if (rrStart.length == 0 || rrStart[rrStart.length - 1] != data.length) {
            throw new IllegalArgumentException("RRset offsets do not match its data");
        }
        return new EncodedRRset(type, ttl, data, rrStart, namePos);
    }

    private static final int[] NO_OFFSETS = new int[0];

    private static int[] readOffsets(ByteBuffer in, int limit) {
        int n = in.getInt();
        if (n == 0) {
            return NO_OFFSETS;
        }
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.getInt();
            if (values[i] < 0 || values[i] > limit) {
                throw new IllegalArgumentException("RRset offset " + values[i] + " outside its " + limit + " bytes");
            }
        }
        return values;
    }

    public int count() {
        return count;
    }

    /** Each record's RDATA in presentation form (allocates: for query logs and pages, never the query path). */
    public java.util.List<String> rdataText() {
        java.util.List<String> out = new java.util.ArrayList<>(count());
        for (int i = 0; i < count(); i++) {
            int length = end(i) - start(i);
            byte[] record = new byte[1 + length];
            System.arraycopy(data, start(i), record, 1, length);
            try {
                // A root owner in front makes it a whole record dnsjava can read.
                out.add(org.xbill.DNS.Record.fromWire(record, org.xbill.DNS.Section.ANSWER).rdataToString());
            } catch (java.io.IOException e) {
                out.add("(unreadable)");
            }
        }
        return out;
    }
}
