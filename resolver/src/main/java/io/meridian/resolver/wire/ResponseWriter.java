package io.meridian.resolver.wire;

/**
 * Writes a response into a pre-allocated buffer: header, the question copied byte for byte from
 * the query (so its letter case is echoed exactly), whole RRsets from their pre-encoded form, and
 * the OPT record. Owner names are compressed against the question; nothing is allocated.
 */
public final class ResponseWriter {
    public static final int ANSWER = 0;
    public static final int AUTHORITY = 1;
    public static final int ADDITIONAL = 2;

    private byte[] out;
    private int limit;
    private int pos;
    private int qnameLength;
    private final int[] counts = new int[3];

    /** Starts a response to {@code q} in {@code dst}, which may hold at most {@code limit} bytes. */
    public void begin(Query q, byte[] dst, int limit) {
        this.out = dst;
        this.limit = limit;
        counts[0] = counts[1] = counts[2] = 0;
        Header.putU16(dst, Header.ID, q.id());
        if (q.questionParsed()) {
            int qend = q.questionEnd();
            System.arraycopy(q.buffer(), Header.LENGTH, dst, Header.LENGTH, qend - Header.LENGTH);
            pos = qend;
            qnameLength = q.qname.length();
            Header.putU16(dst, Header.QDCOUNT, 1);
        } else {
            pos = Header.LENGTH;
            qnameLength = 0;
            Header.putU16(dst, Header.QDCOUNT, 0);
        }
    }

    /** Drops every record written so far, keeping the question (used when a response is truncated). */
    public void clearRecords(Query q) {
        pos = q.questionParsed() ? q.questionEnd() : Header.LENGTH;
        counts[0] = counts[1] = counts[2] = 0;
    }

    /**
     * Appends all records of {@code set} to {@code section}. The owner is the query name when
     * {@code ownerPrefix} is null, else those labels followed by the zone apex ({@code apexLength}
     * bytes of wire, which every query name of the zone ends in). Returns false, having written
     * nothing, when the records do not fit.
     */
    public boolean append(int section, EncodedRRset set, byte[] ownerPrefix, int apexLength) {
        int ownerLen = ownerPrefix == null ? 2 : ownerPrefix.length + 2;
        int n = set.count();
        int need = ownerLen + 2 * (n - 1) + set.bodyLength();
        if (pos + need > limit) {
            return false;
        }
        int ownerPointer;
        if (ownerPrefix == null) {
            ownerPointer = Header.LENGTH;
            putPointer(Header.LENGTH);
        } else {
            ownerPointer = pos;
            System.arraycopy(ownerPrefix, 0, out, pos, ownerPrefix.length);
            pos += ownerPrefix.length;
            putPointer(Header.LENGTH + qnameLength - apexLength);
        }
        byte[] data = set.data;
        int[] starts = set.rrStart;
        int reloc = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                putPointer(ownerPointer);
            }
            int from = starts[i];
            int len = starts[i + 1] - from;
            System.arraycopy(data, from, out, pos, len);
            while (reloc < set.relocPos.length && set.relocPos[reloc] < from + len) {
                int at = pos + set.relocPos[reloc] - from;
                int target = Header.LENGTH + qnameLength - set.relocSuffix[reloc];
                out[at] = (byte) (0xC0 | (target >>> 8));
                out[at + 1] = (byte) target;
                reloc++;
            }
            pos += len;
        }
        counts[section] += n;
        return true;
    }

    /**
     * Appends the OPT pseudo-record (RFC 6891 §6.1.2), with an Extended DNS Error option when
     * {@code ede} is not {@link ExtendedError#NONE}; false if it does not fit.
     */
    public boolean appendOpt(int payloadSize, int extendedRcode, boolean dnssecOk, int ede) {
        int options = ede == ExtendedError.NONE ? 0 : 6;
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
        if (options > 0) {
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

    public int position() {
        return pos;
    }

    private void putPointer(int target) {
        out[pos] = (byte) (0xC0 | (target >>> 8));
        out[pos + 1] = (byte) target;
        pos += 2;
    }
}
