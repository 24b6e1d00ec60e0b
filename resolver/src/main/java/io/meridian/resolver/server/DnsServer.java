package io.meridian.resolver.server;

import io.meridian.resolver.zone.ZoneIndex;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The DNS data plane as one object: UDP shards and the TCP listener on one address, answering
 * from whatever zone index {@code zones} supplies at the moment of each query.
 */
public final class DnsServer implements AutoCloseable {
    private final List<UdpShard> shards = new ArrayList<>();
    private final io.meridian.resolver.pipeline.QueryMetrics metrics = new io.meridian.resolver.pipeline.QueryMetrics();
    private final TcpListener tcp;
    private final InetSocketAddress udpAddress;
    private final InetSocketAddress tcpAddress;

    /** Tries for a port free for both UDP and TCP when asked for "any port". */
    private static final int ANY_PORT_ATTEMPTS = 20;

    private DnsServer(DnsConfig config, Supplier<ZoneIndex> zones) throws IOException {
        InetSocketAddress listen = config.listen();
        DatagramChannel first = null;
        ServerSocket serverSocket = null;
        for (int attempt = 1; serverSocket == null; attempt++) {
            first = openUdp(listen, config.udpShards() > 1);
            // Port 0 means "any free port": TCP and every other shard then take the port UDP got,
            // which TCP may not have free; then try another.
            InetSocketAddress got = (InetSocketAddress) first.getLocalAddress();
            try {
                serverSocket = bindTcp(new InetSocketAddress(listen.getAddress(), got.getPort()));
            } catch (java.net.BindException e) {
                first.close();
                if (listen.getPort() != 0 || attempt == ANY_PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
        udpAddress = (InetSocketAddress) first.getLocalAddress();
        InetSocketAddress bound = new InetSocketAddress(listen.getAddress(), udpAddress.getPort());
        try {
            shards.add(new UdpShard(0, first, config, zones, metrics));
            for (int i = 1; i < config.udpShards(); i++) {
                shards.add(new UdpShard(i, openUdp(bound, true), config, zones, metrics));
            }
        } catch (IOException | RuntimeException e) {
            serverSocket.close();
            first.close();
            for (UdpShard s : shards) {
                s.close();
            }
            throw e;
        }
        tcpAddress = (InetSocketAddress) serverSocket.getLocalSocketAddress();
        tcp = new TcpListener(serverSocket, config, zones, metrics);
    }

    public static DnsServer start(DnsConfig config, Supplier<ZoneIndex> zones) throws IOException {
        return new DnsServer(config.validate(), zones);
    }

    private static ServerSocket bindTcp(InetSocketAddress address) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(address, 256);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private static DatagramChannel openUdp(InetSocketAddress address, boolean reusePort) throws IOException {
        DatagramChannel ch = DatagramChannel.open(address.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            if (reusePort) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            ch.bind(address);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** What this server has answered. */
    public io.meridian.resolver.pipeline.QueryMetrics metrics() {
        return metrics;
    }

    public InetSocketAddress udpAddress() {
        return udpAddress;
    }

    public InetSocketAddress tcpAddress() {
        return tcpAddress;
    }

    @Override
    public void close() throws IOException {
        tcp.close();
        for (UdpShard s : shards) {
            s.close();
        }
    }
}
