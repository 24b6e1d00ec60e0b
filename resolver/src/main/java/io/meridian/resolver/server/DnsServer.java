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
    private final TcpListener tcp;
    private final InetSocketAddress udpAddress;
    private final InetSocketAddress tcpAddress;

    private DnsServer(DnsConfig config, Supplier<ZoneIndex> zones) throws IOException {
        InetSocketAddress listen = config.listen();
        DatagramChannel first = openUdp(listen, config.udpShards() > 1);
        udpAddress = (InetSocketAddress) first.getLocalAddress();
        // Port 0 means "any free port": every shard then binds the port the first one got.
        InetSocketAddress bound = new InetSocketAddress(listen.getAddress(), udpAddress.getPort());
        ServerSocket serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        try {
            serverSocket.bind(bound, 256);
            shards.add(new UdpShard(0, first, config, zones));
            for (int i = 1; i < config.udpShards(); i++) {
                shards.add(new UdpShard(i, openUdp(bound, true), config, zones));
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
        tcp = new TcpListener(serverSocket, config, zones);
    }

    public static DnsServer start(DnsConfig config, Supplier<ZoneIndex> zones) throws IOException {
        return new DnsServer(config.validate(), zones);
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
