package io.meridian.resolver.config;

import io.meridian.resolver.server.DnsConfig;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The appliance's whole configuration (meridian.yaml), every key defaulted in {@link #defaults()}.
 *
 * @param dataDir  where zones and state persist
 * @param dns      the DNS data plane
 * @param http     address of the HTTP face (API and dashboard)
 * @param zones    zone files imported (replacing the stored zone) at every start
 * @param apiKeys  access keys accepted on the Route 53 API (api.keys); more may come from the
 *                 environment or the data directory (see the dashboard's ApiKeys)
 */
public record MeridianConfig(Path dataDir, DnsConfig dns, InetSocketAddress http, List<Path> zones, List<ApiKey> apiKeys) {

    /** An access key ID and its secret, as an AWS client is configured with. */
    public record ApiKey(String id, String secret) {
        @Override
        public String toString() {
            return "ApiKey[" + id + "]";
        }
    }

    public static MeridianConfig defaults() {
        return new MeridianConfig(Path.of("data"), DnsConfig.defaults(), new InetSocketAddress("127.0.0.1", 8080), List.of(),
                List.of());
    }

    public MeridianConfig withDataDir(Path dir) {
        return new MeridianConfig(dir, dns, http, zones, apiKeys);
    }

    public MeridianConfig withDns(DnsConfig d) {
        return new MeridianConfig(dataDir, d, http, zones, apiKeys);
    }

    public MeridianConfig withHttp(InetSocketAddress h) {
        return new MeridianConfig(dataDir, dns, h, zones, apiKeys);
    }

    public MeridianConfig withZones(List<Path> z) {
        return new MeridianConfig(dataDir, dns, http, List.copyOf(z), apiKeys);
    }

    public MeridianConfig withApiKeys(List<ApiKey> keys) {
        return new MeridianConfig(dataDir, dns, http, zones, List.copyOf(keys));
    }
}
