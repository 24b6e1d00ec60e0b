package io.meridian.resolver.testing;

import io.meridian.resolver.config.MeridianConfig;
import io.meridian.resolver.server.DataPlane;
import io.meridian.resolver.server.DnsConfig;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The real data plane on a free loopback port, with its data directory under target/,
 * as tests (the Knot differential test, hostile input) talk to it over the network.
 */
public final class RunningServer implements AutoCloseable {
    private final DataPlane plane;

    private RunningServer(DataPlane plane) {
        this.plane = plane;
    }

    public static RunningServer start(Path dataDir, List<Path> zoneFiles) throws Exception {
        return start(dataDir, zoneFiles, UnaryOperator.identity());
    }

    /** As {@link #start(Path, List)}, with the DNS settings changed by {@code dns}. */
    public static RunningServer start(Path dataDir, List<Path> zoneFiles, UnaryOperator<DnsConfig> dns) throws Exception {
        DnsConfig listen = MeridianConfig.defaults().dns().withListen(new InetSocketAddress("127.0.0.1", 0));
        MeridianConfig config = MeridianConfig.defaults()
                .withDataDir(dataDir)
                .withDns(dns.apply(listen))
                .withZones(zoneFiles);
        return new RunningServer(DataPlane.start(config));
    }

    public InetSocketAddress udp() {
        return plane.server().udpAddress();
    }

    public InetSocketAddress tcp() {
        return plane.server().tcpAddress();
    }

    public DataPlane plane() {
        return plane;
    }

    @Override
    public void close() throws Exception {
        plane.close();
    }
}
