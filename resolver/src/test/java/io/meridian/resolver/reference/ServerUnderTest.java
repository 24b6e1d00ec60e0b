package io.meridian.resolver.reference;

import io.meridian.resolver.testing.RunningServer;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The single place that decides which server is side B of {@link KnotDifferentialTest} and
 * {@link RandomZoneDifferentialTest}:
 * Meridian's real data plane, importing the same zone files Knot loads.
 */
public final class ServerUnderTest {

    private ServerUnderTest() {
    }

    /** Starts Meridian serving exactly {@code zones}, answering on UDP and TCP before it returns. */
    public static DnsServerUnderTest start(Path workDir, List<KnotServer.ZoneFile> zones) throws Exception {
        RunningServer server = RunningServer.start(workDir.resolve("data"), zones.stream().map(KnotServer.ZoneFile::file).toList());
        return new DnsServerUnderTest() {
            @Override
            public InetSocketAddress address() {
                return server.udp();
            }

            @Override
            public void close() throws Exception {
                server.close();
            }
        };
    }
}
