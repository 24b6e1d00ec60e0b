package io.meridian.resolver.wire;

/**
 * Writes a response into a pre-allocated buffer: header, the question copied byte for byte from
 * the query (so its letter case is echoed exactly), whole RRsets from their pre-encoded form with
 * names compressed against everything already written, and the OPT record. Nothing is allocated.
 */
public final class ResponseWriter {
    public static final int ANSWER = 0;
    public static final int AUTHORITY = 1;
    public static final int ADDITIONAL = 2;

    private final NameCompressor names = new NameCompressor();
    private final int[] counts = new int[3];
    private byte[] out;
    private int limit;
    private int pos;

    /** Starts a response to {@code q} in {@code dst}, which may hold at most {@code limit} bytes. */
    public void begin(Query q, byte[] dst, int limit) {
        this.out = dst;
        this.limit = limit;
        counts[0] = counts[1] = counts[2] = 0;
        names.reset();
        Header.putU16(dst, Header.ID, q.id());
        if (q.questionParsed()) {
            int qend = q.questionEnd();
            System.arraycopy(q.buffer(), Header.LENGTH, dst, Header.LENGTH, qend - Header.LENGTH);
            pos = qend;
            names.addName(dst, Header.LENGTH);
            Header.putU16(dst, Header.QDCOUNT, 1);
        } else {
            pos = Header.LENGTH;
            Header.putU16(dst, Header.QDCOUNT, 0);
        }
    }

    /**
     * Appends all records of {@code set} to {@code section}, owned by {@code owner} (uncompressed
     * wire form), or by the query name when {@code owner} is null. Returns false, having written
     * nothing, when the records do not fit.
     */
    public boolean append(int section, EncodedRRset set, byte[] owner) {
        int start = pos;
        int mark = names.mark();
        if (!appendRecords(set, owner)) {
            pos = start;
            names.rollback(mark);
            return false;
        }
        counts[section] += set.count();
        return true;
    }

    private boolean appendRecords(EncodedRRset set, byte[] owner) {
        int ownerPointer;
        if (owner == null) {
            ownerPointer = Header.LENGTH;
        } else {
            ownerPointer = pos;
            pos = names.write(owner, 0, out, pos, limit);
            if (pos < 0) {
                return false;
            }
        }
        byte[] data = set.data;
        int[] namePos = set.namePos;
        int nextName = 0;
        for (int i = 0; i < set.count(); i++) {
            if ((i > 0 || owner == null) && !putPointer(ownerPointer)) {
                return false;
            }
            int from = set.start(i);
            int end = set.end(i);
            if (pos + 10 > limit) {
                return false;
            }
            System.arraycopy(data, from, out, pos, 8);
            int rdlenAt = pos + 8;
            pos += 10;
            int rdStart = pos;
            int p = from + 10;
            while (p < end) {
                int nameAt = nextName < namePos.length && namePos[nextName] < end ? namePos[nextName] : end;
                int raw = nameAt - p;
                if (pos + raw > limit) {
                    return false;
                }
                System.arraycopy(data, p, out, pos, raw);
                pos += raw;
                p = nameAt;
                if (nameAt < end) {
                    pos = names.write(data, nameAt, out, pos, limit);
                    if (pos < 0) {
                        return false;
                    }
                    p = nameAt + wireLength(data, nameAt);
                    nextName++;
                }
            }
            Header.putU16(out, rdlenAt, pos - rdStart);
        }
        return true;
    }

    private static int wireLength(byte[] b, int off) {
        int p = off;
        while (b[p] != 0) {
            p += 1 + (b[p] & 0xFF);
        }
        return p + 1 - off;
    }

    /**
     * Appends the OPT pseudo-record (RFC 6891 §6.1.2), with an Extended DNS Error option when
     * {@code ede} is not {@link ExtendedError#NONE}; false if it does not fit.
     */
    public boolean appendOpt(int payloadSize, int extendedRcode, boolean dnssecOk, int ede) {
        return appendOpt(payloadSize, extendedRcode, dnssecOk, ede, null, -1);
    }

    /**
     * The OPT record, with an Extended DNS Error when {@code ede} is set, and the query's EDNS
     * Client Subnet echoed with {@code ecsScope} as its scope prefix when {@code ecs} is given
     * (RFC 7871 §7.2.1: family, source prefix and address as the query sent them).
     */
    public boolean appendOpt(int payloadSize, int extendedRcode, boolean dnssecOk, int ede, Query ecs, int ecsScope) {
        int ecsBytes = ecs == null || ecs.ecsFamily() == 0 ? 0 : (ecs.ecsSourcePrefix() + 7) / 8;
        int options = (ede == ExtendedError.NONE ? 0 : 6) + (ecs == null || ecs.ecsFamily() == 0 ? 0 : 8 + ecsBytes);
        if (pos + 11 + options > limit) {
            return false;
        }
        out[pos] = 0;
        Header.putU16(out, pos + 1, Types.OPT);
        Header.putU16(out, pos + 3, payloadSize);
        out[pos + 5] = (byte) extendedRcode;
        out[pos + 6] = 0;
        out[pos + 7] = (byte) (dnssecOk ? 0x80 : 0);
        out[pos + 8] = 0;
        Header.putU16(out, pos + 9, options);
        pos += 11;
        if (ecs != null && ecs.ecsFamily() != 0) {
            Header.putU16(out, pos, Query.CLIENT_SUBNET);
            Header.putU16(out, pos + 2, 4 + ecsBytes);
            Header.putU16(out, pos + 4, ecs.ecsFamily());
            out[pos + 6] = (byte) ecs.ecsSourcePrefix();
            out[pos + 7] = (byte) ecsScope;
            System.arraycopy(ecs.ecsAddress(), 0, out, pos + 8, ecsBytes);
            pos += 8 + ecsBytes;
        }
        if (ede != ExtendedError.NONE) {
            Header.putU16(out, pos, ExtendedError.OPTION_CODE);
            Header.putU16(out, pos + 2, 2);
            Header.putU16(out, pos + 4, ede);
            pos += 6;
        }
        counts[ADDITIONAL]++;
        return true;
    }

    /** Raises the size limit, e.g. to the full size once room was kept for the OPT record. */
    public void extendLimit(int newLimit) {
        this.limit = Math.max(limit, newLimit);
    }

    /** Writes flags and counts; returns the response length. */
    public int finish(int flags) {
        Header.putU16(out, Header.FLAGS, flags);
        Header.putU16(out, Header.ANCOUNT, counts[ANSWER]);
        Header.putU16(out, Header.NSCOUNT, counts[AUTHORITY]);
        Header.putU16(out, Header.ARCOUNT, counts[ADDITIONAL]);
        return pos;
    }

    private boolean putPointer(int target) {
        if (pos + 2 > limit) {
            return false;
        }
        out[pos] = (byte) (0xC0 | (target >>> 8));
        out[pos + 1] = (byte) target;
        pos += 2;
        return true;
    }
}
