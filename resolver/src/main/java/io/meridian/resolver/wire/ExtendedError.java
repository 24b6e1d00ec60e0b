package io.meridian.resolver.wire;

/** Extended DNS Errors (RFC 8914): the EDNS option and the info codes we send. */
public final class ExtendedError {
    public static final int OPTION_CODE = 15;
    public static final int NONE = -1;
    public static final int NOT_AUTHORITATIVE = 20;

    private ExtendedError() {
    }
}
