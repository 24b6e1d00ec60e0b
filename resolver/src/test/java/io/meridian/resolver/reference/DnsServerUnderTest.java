package io.meridian.resolver.reference;

import java.net.InetSocketAddress;

/**
 * A running DNS server that the differential test can query over UDP and TCP on one address.
 * Kept minimal so that Knot (the reference) and Meridian itself can both stand behind it.
 */
public interface DnsServerUnderTest extends AutoCloseable {

    /** Where the server listens; the same port serves UDP and TCP. */
    InetSocketAddress address();
}
