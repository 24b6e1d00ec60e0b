package io.meridian.resolver.wire;

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
    /** Start of each record in {@link #data}, plus the end as the last element. */
    final int[] rrStart;
    /** Offsets in {@link #data} of the compressible names inside RDATA, in increasing order. */
    final int[] namePos;

    EncodedRRset(int type, long ttl, byte[] data, int[] rrStart, int[] namePos) {
        this.type = type;
        this.ttl = ttl;
        this.data = data;
        this.rrStart = rrStart;
        this.namePos = namePos;
    }

    public int count() {
        return rrStart.length - 1;
    }

    /** Each record's RDATA in presentation form (allocates: for query logs and pages, never the query path). */
    public java.util.List<String> rdataText() {
        java.util.List<String> out = new java.util.ArrayList<>(count());
        for (int i = 0; i < count(); i++) {
            int length = rrStart[i + 1] - rrStart[i];
            byte[] record = new byte[1 + length];
            System.arraycopy(data, rrStart[i], record, 1, length);
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
