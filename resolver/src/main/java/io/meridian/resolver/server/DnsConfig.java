package io.meridian.resolver.server;

import java.net.InetSocketAddress;

/**
 * Settings of the DNS data plane, with the defaults in {@link #defaults()}.
 *
 * @param listen         UDP and TCP address
 * @param udpShards      UDP sockets (SO_REUSEPORT), each with its receiver and ring
 * @param ringSize       slots per ring, a power of two
 * @param stages         FUSED runs decode, evaluate and encode on one ring thread per shard; SPLIT on three;
 *                       INLINE on the receiving thread itself, with no ring
 * @param waitStrategy   how ring handlers wait: BLOCKING, SLEEPING or YIELDING
 * @param maxUdpPayload  largest UDP response we send to EDNS clients (RFC 6891 §6.2.5)
 * @param tcpMaxConnections concurrent TCP connections; more are closed at once (RFC 7766 §6.2.2)
 * @param tcpIdleTimeoutMillis a TCP connection idle this long is closed (RFC 7766 §6.2.3)
 * @param udpBatch       datagrams per recvmmsg/sendmmsg in the inline layout; 1 uses the JDK's
 *                       sockets one datagram at a time (also the fallback without the native library)
 * @param ecsMaxPrefixV4 most bits of an IPv4 EDNS Client Subnet routing uses (RFC 7871 §11.1)
 * @param ecsMaxPrefixV6 most bits of an IPv6 client subnet routing uses
 * @param responseCache  UDP responses with static answers kept per shard for identical queries to
 *                       replay (256 bytes each; a power of two, or 0 for none)
 */
public record DnsConfig(InetSocketAddress listen, int udpShards, int ringSize, Stages stages, WaitStrategy waitStrategy,
                        int maxUdpPayload, int tcpMaxConnections, int tcpIdleTimeoutMillis, int udpBatch,
                        int ecsMaxPrefixV4, int ecsMaxPrefixV6, int responseCache) {
    /** Kept per UDP shard by default: 8 MB, room for the repeated queries of a busy zone. */
    public static final int DEFAULT_RESPONSE_CACHE = 32768;
    private static final int MAX_RESPONSE_CACHE = 1 << 20;

    /** The data plane's settings with ECS at the usual privacy-minded defaults, /24 and /56. */
    public DnsConfig(InetSocketAddress listen, int udpShards, int ringSize, Stages stages, WaitStrategy waitStrategy,
                     int maxUdpPayload, int tcpMaxConnections, int tcpIdleTimeoutMillis, int udpBatch) {
        this(listen, udpShards, ringSize, stages, waitStrategy, maxUdpPayload, tcpMaxConnections, tcpIdleTimeoutMillis, udpBatch,
                24, 56, DEFAULT_RESPONSE_CACHE);
    }

    public enum Stages { FUSED, SPLIT, INLINE }

    public enum WaitStrategy { BLOCKING, SLEEPING, YIELDING }

    public static DnsConfig defaults() {
        // One UDP shard per core the JVM may use (DESIGN.md: a receiver per core, SO_REUSEPORT).
        int cores = Math.min(64, Runtime.getRuntime().availableProcessors());
        return new DnsConfig(new InetSocketAddress("127.0.0.1", 5300), cores, 1024, Stages.INLINE, WaitStrategy.BLOCKING,
                1232, 128, 10_000, 32);
    }

    public DnsConfig withListen(InetSocketAddress address) {
        return new DnsConfig(address, udpShards, ringSize, stages, waitStrategy, maxUdpPayload, tcpMaxConnections,
                tcpIdleTimeoutMillis, udpBatch, ecsMaxPrefixV4, ecsMaxPrefixV6, responseCache);
    }

    public DnsConfig validate() {
        require(udpShards >= 1 && udpShards <= 64, "dns.udpShards must be 1..64, is " + udpShards);
        require(Integer.bitCount(ringSize) == 1 && ringSize >= 16, "dns.ringSize must be a power of two >= 16, is " + ringSize);
        require(maxUdpPayload >= 512 && maxUdpPayload <= 65535, "dns.maxUdpPayload must be 512..65535, is " + maxUdpPayload);
        require(tcpMaxConnections >= 1, "dns.tcpMaxConnections must be at least 1, is " + tcpMaxConnections);
        require(udpBatch >= 1 && udpBatch <= 64, "dns.udpBatch must be 1..64, is " + udpBatch);
        require(ecsMaxPrefixV4 >= 0 && ecsMaxPrefixV4 <= 32, "dns.ecsMaxPrefixV4 must be 0..32, is " + ecsMaxPrefixV4);
        require(ecsMaxPrefixV6 >= 0 && ecsMaxPrefixV6 <= 128, "dns.ecsMaxPrefixV6 must be 0..128, is " + ecsMaxPrefixV6);
        require(responseCache == 0 || Integer.bitCount(responseCache) == 1 && responseCache >= 16 && responseCache <= MAX_RESPONSE_CACHE,
                "dns.responseCache must be 0 or a power of two from 16 to " + MAX_RESPONSE_CACHE + ", is " + responseCache);
        require(tcpIdleTimeoutMillis >= 100, "dns.tcpIdleTimeoutMillis must be at least 100, is " + tcpIdleTimeoutMillis);
        return this;
    }

    /** Query stages for this data plane (one per thread: they own scratch state). */
    public io.meridian.resolver.pipeline.QueryStages stages(java.util.function.Supplier<io.meridian.resolver.zone.ZoneIndex> zones,
                                                           io.meridian.resolver.pipeline.QueryMetrics metrics) {
        return new io.meridian.resolver.pipeline.QueryStages(zones, maxUdpPayload,
                new io.meridian.resolver.zone.QueryEvaluator(System.nanoTime(), ecsMaxPrefixV4, ecsMaxPrefixV6), metrics.register());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
