package io.meridian.resolver.config;

import io.meridian.resolver.control.ControlLimits;
import io.meridian.resolver.health.HealthSettings;
import io.meridian.resolver.server.DnsConfig;
import io.meridian.resolver.store.ZoneStore;

import java.nio.file.Path;
import java.util.List;

/**
 * The appliance's whole configuration (meridian.yaml), every key defaulted in {@link #defaults()}.
 *
 * @param dataDir  where zones and state persist
 * @param dns      the DNS data plane
 * @param http     the HTTP face (API and dashboard): addresses, HTTPS
 * @param zones    zone files imported (replacing the stored zone) at every start
 * @param apiKeys  access keys accepted on the Route 53 API (api.keys); more may come from the
 *                 environment or the data directory (see the dashboard's ApiKeys)
 * @param nameServers the delegation set of zones created through the API: this appliance's
 *                 host names, as the parent zones' NS records should name them
 * @param limits   quotas of the control plane (Route 53's by default)
 * @param health   how health checks are probed
 * @param geoDatabases where clients are: an MMDB file or a Tor geoip directory (Debian's tor-geoipdb); none: unknown
 * @param latencyTable measured client-prefix-to-region latency for latency routing (CSV), or null: distance
 * @param dashboardUsers dashboard users: name -> password hash (pbkdf2-sha256$...); more may come from the data directory
 * @param queryLog where query-log files go and how long they are kept
 * @param storeNames names (all zones' owner names) the data directory's store is made for when it is
 *                 created; it holds up to 20 times that, each write and lookup slower the further past it
 */
public record MeridianConfig(Path dataDir, DnsConfig dns, HttpSettings http, List<Path> zones, List<ApiKey> apiKeys,
                             List<String> nameServers, ControlLimits limits, HealthSettings health, List<Path> geoDatabases,
                             Path latencyTable, java.util.Map<String, String> dashboardUsers,
                             io.meridian.resolver.querylog.QueryLogSettings queryLog, long storeNames) {

    /** An access key ID and its secret, as an AWS client is configured with. */
    public record ApiKey(String id, String secret) {
        @Override
        public String toString() {
            return "ApiKey[" + id + "]";
        }
    }

    public static MeridianConfig defaults() {
        // .invalid (RFC 6761) until the operator names the appliance's real hosts.
        return new MeridianConfig(Path.of("data"), DnsConfig.defaults(), HttpSettings.DEFAULTS, List.of(),
                List.of(), List.of("ns1.meridian.invalid.", "ns2.meridian.invalid."), ControlLimits.ROUTE53, HealthSettings.DEFAULTS, List.of(), null, java.util.Map.of(),
                io.meridian.resolver.querylog.QueryLogSettings.DEFAULTS, ZoneStore.StoreSizing.DEFAULT.names());
    }

    public MeridianConfig withDataDir(Path dir) {
        return new MeridianConfig(dir, dns, http, zones, apiKeys, nameServers, limits, health, geoDatabases, latencyTable, dashboardUsers, queryLog, storeNames);
    }

    public MeridianConfig withDns(DnsConfig d) {
        return new MeridianConfig(dataDir, d, http, zones, apiKeys, nameServers, limits, health, geoDatabases, latencyTable, dashboardUsers, queryLog, storeNames);
    }

    public MeridianConfig withHttp(HttpSettings h) {
        return new MeridianConfig(dataDir, dns, h, zones, apiKeys, nameServers, limits, health, geoDatabases, latencyTable, dashboardUsers, queryLog, storeNames);
    }

    public MeridianConfig withZones(List<Path> z) {
        return new MeridianConfig(dataDir, dns, http, List.copyOf(z), apiKeys, nameServers, limits, health, geoDatabases, latencyTable, dashboardUsers, queryLog, storeNames);
    }

    public MeridianConfig withApiKeys(List<ApiKey> keys) {
        return new MeridianConfig(dataDir, dns, http, zones, List.copyOf(keys), nameServers, limits, health, geoDatabases, latencyTable, dashboardUsers, queryLog, storeNames);
    }

    public MeridianConfig withLimits(ControlLimits l) {
        return new MeridianConfig(dataDir, dns, http, zones, apiKeys, nameServers, l, health, geoDatabases, latencyTable, dashboardUsers, queryLog, storeNames);
    }

    public MeridianConfig withHealth(HealthSettings h) {
        return new MeridianConfig(dataDir, dns, http, zones, apiKeys, nameServers, limits, h, geoDatabases, latencyTable, dashboardUsers, queryLog, storeNames);
    }

    public MeridianConfig withGeoDatabases(List<Path> g) {
        return new MeridianConfig(dataDir, dns, http, zones, apiKeys, nameServers, limits, health, List.copyOf(g), latencyTable, dashboardUsers, queryLog, storeNames);
    }

    public MeridianConfig withLatencyTable(Path table) {
        return new MeridianConfig(dataDir, dns, http, zones, apiKeys, nameServers, limits, health, geoDatabases, table, dashboardUsers, queryLog, storeNames);
    }

    public MeridianConfig withDashboardUsers(java.util.Map<String, String> users) {
        return new MeridianConfig(dataDir, dns, http, zones, apiKeys, nameServers, limits, health, geoDatabases, latencyTable,
                java.util.Map.copyOf(users), queryLog, storeNames);
    }

    public MeridianConfig withNameServers(List<String> servers) {
        return new MeridianConfig(dataDir, dns, http, zones, apiKeys, List.copyOf(servers), limits, health, geoDatabases, latencyTable, dashboardUsers, queryLog, storeNames);
    }

    public MeridianConfig withStoreNames(long names) {
        return new MeridianConfig(dataDir, dns, http, zones, apiKeys, nameServers, limits, health, geoDatabases, latencyTable, dashboardUsers, queryLog, names);
    }

    /** The sizing a data directory's store is created with (an existing one keeps its own). */
    public ZoneStore.StoreSizing storeSizing() {
        return ZoneStore.StoreSizing.forNames(storeNames);
    }

    public MeridianConfig withQueryLog(io.meridian.resolver.querylog.QueryLogSettings q) {
        return new MeridianConfig(dataDir, dns, http, zones, apiKeys, nameServers, limits, health, geoDatabases, latencyTable, dashboardUsers, q, storeNames);
    }
}
