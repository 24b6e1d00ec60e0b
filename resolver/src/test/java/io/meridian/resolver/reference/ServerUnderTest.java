package io.meridian.resolver.reference;

import java.nio.file.Path;
import java.util.List;

/**
 * The single place that decides which server is side B of {@link KnotDifferentialTest}.
 *
 * <p>Today it is a second Knot instance on the same zone files, which proves the harness reports
 * no differences between identical servers. Replace the body of {@link #start} with Meridian,
 * serving the same zones, to compare Meridian against Knot.
 */
public final class ServerUnderTest {

    private ServerUnderTest() {
    }

    /**
     * Starts side B serving exactly {@code zones}; it must answer on the returned address over
     * both UDP and TCP before this method returns.
     */
    public static DnsServerUnderTest start(Path workDir, List<KnotServer.ZoneFile> zones) throws Exception {
        return KnotServer.start(workDir, zones);
    }
}
