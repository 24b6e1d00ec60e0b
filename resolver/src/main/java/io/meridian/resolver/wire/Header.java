package io.meridian.resolver.wire;

/**
 * Layout of the fixed 12-byte DNS message header (RFC 1035 §4.1.1) and its flag bits,
 * read and written in place over a byte array: no header object exists per packet.
 */
public final class Header {
    public static final int ID = 0;
    public static final int FLAGS = 2;
    public static final int QDCOUNT = 4;
    public static final int ANCOUNT = 6;
    public static final int NSCOUNT = 8;
    public static final int ARCOUNT = 10;
    public static final int LENGTH = 12;

    public static final int QR = 0x8000;
    public static final int OPCODE_MASK = 0x7800;
    public static final int OPCODE_SHIFT = 11;
    public static final int AA = 0x0400;
    public static final int TC = 0x0200;
    public static final int RD = 0x0100;
    public static final int RA = 0x0080;
    public static final int Z = 0x0040;
    public static final int AD = 0x0020;
    public static final int CD = 0x0010;
    public static final int RCODE_MASK = 0x000F;

    private Header() {
    }

    public static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    public static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    public static void putU32(byte[] b, int off, long v) {
        putU16(b, off, (int) (v >>> 16));
        putU16(b, off + 2, (int) v);
    }
}
