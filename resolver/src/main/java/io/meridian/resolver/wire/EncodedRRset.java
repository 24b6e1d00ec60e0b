package io.meridian.resolver.wire;

/**
 * One RRset pre-encoded in wire format, ready to be copied into any response of its zone.
 *
 * <p>Each record is stored without its owner name, as TYPE CLASS TTL RDLENGTH RDATA; the owner
 * is written at response time (it is the query name for direct and wildcard answers). Names in
 * RDATA that end in a suffix of the zone apex are compressed with a pointer whose target depends
 * on where that suffix sits in the query name; those pointers are left as placeholders and listed
 * in {@link #relocPos}/{@link #relocSuffix}, to be patched by {@link ResponseWriter}. Every query
 * answered from a zone ends in the zone apex, so the patched pointer always lands in the question.
 */
public final class EncodedRRset {
    public final int type;
    public final long ttl;
    final byte[] data;
    /** Start of each record in {@link #data}, plus the end as the last element. */
    final int[] rrStart;
    final int[] relocPos;
    final int[] relocSuffix;

    EncodedRRset(int type, long ttl, byte[] data, int[] rrStart, int[] relocPos, int[] relocSuffix) {
        this.type = type;
        this.ttl = ttl;
        this.data = data;
        this.rrStart = rrStart;
        this.relocPos = relocPos;
        this.relocSuffix = relocSuffix;
    }

    public int count() {
        return rrStart.length - 1;
    }

    /** Bytes of all records without their owners. */
    public int bodyLength() {
        return data.length;
    }
}
