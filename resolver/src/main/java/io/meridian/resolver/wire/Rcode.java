package io.meridian.resolver.wire;

/** Response codes (RFC 1035 §4.1.1, RFC 6891 §9 for the extended BADVERS). */
public final class Rcode {
    public static final int NOERROR = 0;
    public static final int FORMERR = 1;
    public static final int SERVFAIL = 2;
    public static final int NXDOMAIN = 3;
    public static final int NOTIMP = 4;
    public static final int REFUSED = 5;
    public static final int NOTAUTH = 9;
    /** Extended: its upper 8 bits travel in the OPT record's TTL field. */
    public static final int BADVERS = 16;

    private Rcode() {
    }
}
