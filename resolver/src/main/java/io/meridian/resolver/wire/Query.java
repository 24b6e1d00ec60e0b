package io.meridian.resolver.wire;

/**
 * Flyweight decoder of one incoming DNS query: the header, the question and the OPT record,
 * read in place from the receive buffer (RFC 1035 §4.1, RFC 6891 §6). One instance lives in
 * each pipeline slot and is overwritten by every {@link #decode}; nothing is allocated.
 */
public final class Query {
    /** {@link #decode} result: silently drop the packet (no readable header, or QR=1). */
    public static final int DROP = -1;
    /** {@link #decode} result: a well-formed query to evaluate. */
    public static final int OK = 0;

    static final int OPCODE_QUERY = 0;
    static final int OPCODE_NOTIFY = 4;
    static final int OPCODE_UPDATE = 5;

    public final Name qname = new Name();
    private byte[] buf;
    private int id;
    private int flags;
    private int qtype;
    private int qclass;
    private boolean questionParsed;
    private int questionEnd;
    private boolean edns;
    private int ednsPayload;
    private int ednsVersion;
    private boolean dnssecOk;
    /** EDNS Client Subnet (RFC 7871) as the query gave it: family 1 (IPv4) or 2 (IPv6), 0 when absent. */
    private int ecsFamily;
    private int ecsSourcePrefix;
    private final byte[] ecsAddress = new byte[16];
    /** Where the ECS address starts in the query's bytes. */
    private int ecsAddressOffset;
    /** The address the query came from (4 or 16 bytes; length 0 when unknown). */
    private final byte[] source = new byte[16];
    private int sourceLength;

    /**
     * Decodes {@code len} bytes of {@code src}. Returns {@link #DROP}, {@link #OK}, or the RCODE
     * of the error response to send (FORMERR, NOTIMP, BADVERS).
     */
    public int decode(byte[] src, int len) {
        this.buf = src;
        questionParsed = false;
        edns = false;
        dnssecOk = false;
        ednsVersion = 0;
        ednsPayload = 0;
        ecsFamily = 0;
        if (len < Header.LENGTH) {
            return DROP;
        }
        id = Header.u16(src, Header.ID);
        flags = Header.u16(src, Header.FLAGS);
        if ((flags & Header.QR) != 0) {
            return DROP;
        }
        int opcode = opcode();
        boolean known = opcode == OPCODE_QUERY || opcode == OPCODE_NOTIFY || opcode == OPCODE_UPDATE;
        if (!known) {
            // Knot DNS answers NOTIMP to an opcode it does not implement, echoing a readable question.
            int end = Header.u16(src, Header.QDCOUNT) == 1 ? qname.parse(src, Header.LENGTH, len) : -1;
            if (end >= 0 && end + 4 <= len) {
                readQuestion(src, end);
            }
            return Rcode.NOTIMP;
        }
        if (Header.u16(src, Header.QDCOUNT) != 1) {
            return Rcode.FORMERR;
        }
        int pos = qname.parse(src, Header.LENGTH, len);
        if (pos < 0 || pos + 4 > len) {
            return Rcode.FORMERR;
        }
        readQuestion(src, pos);
        int status = readRecords(src, questionEnd, len);
        if (status == OK && opcode != OPCODE_QUERY) {
            // We are nobody's secondary and take no dynamic updates: not authoritative for either.
            return Rcode.NOTAUTH;
        }
        return status;
    }

    private void readQuestion(byte[] src, int nameEnd) {
        qtype = Header.u16(src, nameEnd);
        qclass = Header.u16(src, nameEnd + 2);
        questionEnd = nameEnd + 4;
        questionParsed = true;
    }

    /** Walks answer, authority and additional records, keeping only what the OPT record says. */
    private int readRecords(byte[] src, int pos, int len) {
        int records = Header.u16(src, Header.ANCOUNT) + Header.u16(src, Header.NSCOUNT);
        int additional = Header.u16(src, Header.ARCOUNT);
        for (int i = 0; i < records + additional; i++) {
            pos = skipName(src, pos, len);
            if (pos < 0 || pos + 10 > len) {
                return Rcode.FORMERR;
            }
            int type = Header.u16(src, pos);
            int rdlen = Header.u16(src, pos + 8);
            int rdata = pos + 10;
            if (rdata + rdlen > len) {
                return Rcode.FORMERR;
            }
            if (type == Types.OPT) {
                // RFC 6891 §6.1.1: one OPT, in the additional section. Like Knot, we do not insist
                // that its owner is the root.
                if (i < records || edns || !optionsWellFormed(src, rdata, rdlen) || !readOptions(src, rdata, rdlen)) {
                    edns = false;
                    return Rcode.FORMERR;
                }
                edns = true;
                ednsPayload = Header.u16(src, pos + 2);
                ednsVersion = src[pos + 5] & 0xFF;
                dnssecOk = (src[pos + 6] & 0x80) != 0;
            }
            pos = rdata + rdlen;
        }
        if (pos != len) {
            return Rcode.FORMERR;
        }
        return edns && ednsVersion != 0 ? Rcode.BADVERS : OK;
    }

    private static boolean optionsWellFormed(byte[] src, int off, int len) {
        int end = off + len;
        int pos = off;
        while (pos < end) {
            if (pos + 4 > end) {
                return false;
            }
            pos += 4 + Header.u16(src, pos + 2);
        }
        return pos == end;
    }

    /**
     * Reads the options we act on: EDNS Client Subnet (code 8). RFC 7871 §7.1.2: an unknown family,
     * a source prefix longer than the family's address, an address longer than the prefix needs or
     * with bits set beyond it, a scope other than 0, or a second ECS option make the query FORMERR.
     */
    private boolean readOptions(byte[] src, int off, int len) {
        for (int pos = off; pos < off + len; pos += 4 + Header.u16(src, pos + 2)) {
            if (Header.u16(src, pos) != CLIENT_SUBNET) {
                continue;
            }
            int optLen = Header.u16(src, pos + 2);
            if (ecsFamily != 0 || optLen < 4) {
                return false;
            }
            int family = Header.u16(src, pos + 4);
            int sourcePrefix = src[pos + 6] & 0xFF;
            int scope = src[pos + 7] & 0xFF;
            int addressBytes = optLen - 4;
            int maxBits = family == 1 ? 32 : family == 2 ? 128 : -1;
            if (maxBits < 0 || sourcePrefix > maxBits || scope != 0 || addressBytes != (sourcePrefix + 7) / 8) {
                return false;
            }
            java.util.Arrays.fill(ecsAddress, (byte) 0);
            System.arraycopy(src, pos + 8, ecsAddress, 0, addressBytes);
            if (sourcePrefix % 8 != 0 && addressBytes > 0 && (ecsAddress[addressBytes - 1] & (0xFF >>> (sourcePrefix % 8))) != 0) {
                return false;
            }
            ecsFamily = family;
            ecsSourcePrefix = sourcePrefix;
            ecsAddressOffset = pos + 8;
        }
        return true;
    }

    static final int CLIENT_SUBNET = 8;

    /** Skips a possibly compressed name; pointers must point backwards, which rules out loops. */
    static int skipName(byte[] src, int pos, int len) {
        int total = 0;
        while (pos < len) {
            int b = src[pos] & 0xFF;
            if (b == 0) {
                return pos + 1;
            }
            if ((b & 0xC0) == 0xC0) {
                if (pos + 2 > len) {
                    return -1;
                }
                int target = ((b & 0x3F) << 8) | (src[pos + 1] & 0xFF);
                return target < pos && validPointerChain(src, target, pos, total) ? pos + 2 : -1;
            }
            if ((b & 0xC0) != 0 || pos + 1 + b > len) {
                return -1;
            }
            total += b + 1;
            if (total > Name.MAX_LENGTH - 1) {
                return -1;
            }
            pos += 1 + b;
        }
        return -1;
    }

    private static boolean validPointerChain(byte[] src, int pos, int limit, int total) {
        while (pos < limit) {
            int b = src[pos] & 0xFF;
            if (b == 0) {
                return true;
            }
            if ((b & 0xC0) == 0xC0) {
                if (pos + 1 >= limit) {
                    return false;
                }
                int target = ((b & 0x3F) << 8) | (src[pos + 1] & 0xFF);
                if (target >= pos) {
                    return false;
                }
                limit = pos;
                pos = target;
                continue;
            }
            if ((b & 0xC0) != 0) {
                return false;
            }
            total += b + 1;
            if (total > Name.MAX_LENGTH - 1) {
                return false;
            }
            pos += 1 + b;
        }
        return false;
    }

    public byte[] buffer() {
        return buf;
    }

    public int id() {
        return id;
    }

    public int flags() {
        return flags;
    }

    public int opcode() {
        return (flags & Header.OPCODE_MASK) >>> Header.OPCODE_SHIFT;
    }

    public int qtype() {
        return qtype;
    }

    public int qclass() {
        return qclass;
    }

    public boolean questionParsed() {
        return questionParsed;
    }

    /** Offset just past the question; the question is echoed byte for byte from 12 to here. */
    public int questionEnd() {
        return questionEnd;
    }

    public boolean edns() {
        return edns;
    }

    public int ednsPayload() {
        return ednsPayload;
    }

    public int ednsVersion() {
        return ednsVersion;
    }

    public boolean dnssecOk() {
        return dnssecOk;
    }

    /** 0 without an ECS option, else its FAMILY: 1 for IPv4, 2 for IPv6. */
    public int ecsFamily() {
        return ecsFamily;
    }

    public int ecsSourcePrefix() {
        return ecsSourcePrefix;
    }

    /** The ECS address, zero-padded to 16 bytes (the first 4 for IPv4). */
    public byte[] ecsAddress() {
        return ecsAddress;
    }

    /** Where the ECS address starts in the query's bytes (when {@link #ecsFamily} is not 0). */
    public int ecsAddressOffset() {
        return ecsAddressOffset;
    }

    /** Records where the query came from: 4 or 16 address bytes (0 when unknown); set by the receiver, kept across decodes. */
    public void source(byte[] address, int offset, int length) {
        System.arraycopy(address, offset, source, 0, length);
        sourceLength = length;
    }

    public byte[] sourceAddress() {
        return source;
    }

    public int sourceLength() {
        return sourceLength;
    }
}
