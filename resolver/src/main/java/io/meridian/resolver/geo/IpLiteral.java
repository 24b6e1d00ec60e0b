package io.meridian.resolver.geo;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address written out, read without ever looking a name up: the JDK's
 * InetAddress.getByName would send anything else to DNS, which input from operators and clients
 * must never cause.
 */
public final class IpLiteral {
    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpLiteral() {
    }

    /** The address {@code text} writes out, or null when it is not an address literal. */
    public static InetAddress parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
