package io.meridian.resolver.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meridian.resolver.control.ControlLimits;
import io.meridian.resolver.health.HealthSettings;
import io.meridian.resolver.server.DnsConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads meridian.yaml over the defaults. Unknown keys and bad values are errors that name the
 * key, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {
    private static final Set<String> TOP = Set.of("dataDir", "dns", "http", "zones", "api", "nameServers", "limits", "health", "geo", "dashboard",
            "queryLog", "store");
    private static final Set<String> STORE = Set.of("names");
    /** Chronicle Map's own bounds are far wider; below this the default is as small as is useful. */
    private static final long MIN_STORE_NAMES = 10_000;
    private static final long MAX_STORE_NAMES = 1_000_000_000;
    private static final Set<String> DASHBOARD = Set.of("users");
    private static final Set<String> USER = Set.of("name", "passwordHash");
    private static final Set<String> GEO = Set.of("databases", "latencyTable");
    private static final Set<String> HEALTH = Set.of("allowPrivateTargets", "minimumRequestInterval", "concurrency");
    private static final Set<String> LIMITS = Set.of("recordsPerBatch", "valueCharsPerBatch", "recordSetsPerZone",
            "valuesPerRecordSet", "weightedSetsPerName", "geoproximitySetsPerName", "hostedZones", "healthChecks",
            "cidrCollections", "cidrBlocksPerCollection");
    private static final Set<String> API = Set.of("keys");
    private static final Set<String> KEY = Set.of("id", "secret");
    private static final Set<String> DNS = Set.of("listen", "udpShards", "ringSize", "stages", "waitStrategy",
            "maxUdpPayload", "tcpMaxConnections", "tcpIdleTimeoutMillis", "udpBatch", "ecsMaxPrefixV4", "ecsMaxPrefixV6",
            "responseCache");
    private static final Set<String> HTTP = Set.of("listen", "plain", "tls");
    private static final Set<String> TLS = Set.of("listen", "certificate", "privateKey");
    private static final Set<String> QUERY_LOG = Set.of("files", "dir", "maxFileMegabytes", "maxFileMinutes", "retainFiles", "retainDays");

    private ConfigLoader() {
    }

    public static MeridianConfig load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
        MeridianConfig c = MeridianConfig.defaults();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return c;
        }
        checkKeys(file, "", root, TOP);
        if (root.has("dataDir")) {
            c = c.withDataDir(Path.of(root.get("dataDir").asText()));
        }
        if (root.has("dns")) {
            c = c.withDns(dns(file, root.get("dns"), c.dns()));
        }
        if (root.has("http")) {
            c = c.withHttp(http(file, root.get("http"), c.http()));
        }
        if (root.has("api")) {
            c = c.withApiKeys(apiKeys(file, root.get("api")));
        }
        if (root.has("nameServers")) {
            List<String> servers = new ArrayList<>();
            root.get("nameServers").forEach(n -> servers.add(n.asText()));
            if (servers.isEmpty()) {
                throw new ConfigException(file + ": nameServers needs at least one host name");
            }
            c = c.withNameServers(servers);
        }
        if (root.has("limits")) {
            c = c.withLimits(limits(file, root.get("limits"), c.limits()));
        }
        if (root.has("health")) {
            Section h = Section.of(file, "health.", root.get("health"), HEALTH);
            HealthSettings d = c.health();
            try {
                c = c.withHealth(new HealthSettings(h.flag("allowPrivateTargets", d.allowPrivateTargets()),
                        h.whole("minimumRequestInterval", d.minimumRequestInterval()), h.whole("concurrency", d.concurrency())));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": " + e.getMessage());
            }
        }
        if (root.has("geo")) {
            Section geo = Section.of(file, "geo.", root.get("geo"), GEO);
            List<Path> dbs = new ArrayList<>();
            geo.node().path("databases").forEach(d -> dbs.add(Path.of(d.asText())));
            c = c.withGeoDatabases(dbs);
            if (geo.node().has("latencyTable")) {
                c = c.withLatencyTable(geo.path("latencyTable", null));
            }
        }
        if (root.has("dashboard")) {
            checkKeys(file, "dashboard.", root.get("dashboard"), DASHBOARD);
            java.util.Map<String, String> users = new java.util.LinkedHashMap<>();
            for (JsonNode u : root.get("dashboard").path("users")) {
                checkKeys(file, "dashboard.users[].", u, USER);
                String name = u.path("name").asText("");
                String hash = u.path("passwordHash").asText("");
                if (name.isEmpty() || !hash.matches("pbkdf2-sha256\\$\\d+\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+")) {
                    throw new ConfigException(file + ": every dashboard.users entry needs a name and a passwordHash"
                            + " (pbkdf2-sha256$..., as `meridian dashboard hash-password` prints)");
                }
                users.put(name, hash);
            }
            c = c.withDashboardUsers(users);
        }
        if (root.has("store")) {
            c = c.withStoreNames(storeNames(file, root.get("store"), c.storeNames()));
        }
        if (root.has("queryLog")) {
            c = c.withQueryLog(queryLog(file, root.get("queryLog"), c.queryLog()));
        }
        if (root.has("zones")) {
            List<Path> zones = new ArrayList<>();
            root.get("zones").forEach(z -> zones.add(Path.of(z.asText())));
            c = c.withZones(zones);
        }
        return c;
    }

    private static DnsConfig dns(Path file, JsonNode n, DnsConfig d) {
        Section s = Section.of(file, "dns.", n, DNS);
        try {
            return new DnsConfig(
                    n.has("listen") ? address("dns.listen", n.get("listen").asText()) : d.listen(),
                    s.whole("udpShards", d.udpShards()),
                    s.whole("ringSize", d.ringSize()),
                    n.has("stages") ? DnsConfig.Stages.valueOf(n.get("stages").asText().toUpperCase(Locale.ROOT)) : d.stages(),
                    n.has("waitStrategy") ? DnsConfig.WaitStrategy.valueOf(n.get("waitStrategy").asText().toUpperCase(Locale.ROOT))
                            : d.waitStrategy(),
                    s.whole("maxUdpPayload", d.maxUdpPayload()),
                    s.whole("tcpMaxConnections", d.tcpMaxConnections()),
                    s.whole("tcpIdleTimeoutMillis", d.tcpIdleTimeoutMillis()),
                    s.whole("udpBatch", d.udpBatch()),
                    s.whole("ecsMaxPrefixV4", d.ecsMaxPrefixV4()),
                    s.whole("ecsMaxPrefixV6", d.ecsMaxPrefixV6()),
                    s.whole("responseCache", d.responseCache())).validate();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static HttpSettings http(Path file, JsonNode n, HttpSettings d) {
        Section s = Section.of(file, "http.", n, HTTP);
        JsonNode tls = n.path("tls");
        Section t = n.has("tls") ? Section.of(file, "http.tls.", tls, TLS) : new Section(file, "http.tls.", tls);
        try {
            return new HttpSettings(n.has("listen") ? address("http.listen", n.get("listen").asText()) : d.listen(),
                    s.flag("plain", d.plain()),
                    tls.has("listen") ? address("http.tls.listen", tls.get("listen").asText()) : d.tlsListen(),
                    t.path("certificate", d.certificate()),
                    t.path("privateKey", d.privateKey()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static io.meridian.resolver.querylog.QueryLogSettings queryLog(Path file, JsonNode n,
                                                                            io.meridian.resolver.querylog.QueryLogSettings d) {
        Section s = Section.of(file, "queryLog.", n, QUERY_LOG);
        try {
            return new io.meridian.resolver.querylog.QueryLogSettings(s.flag("files", d.files()),
                    s.path("dir", d.dir()),
                    n.has("maxFileMegabytes") ? (long) s.whole("maxFileMegabytes", 0) << 20 : d.maxFileBytes(),
                    n.has("maxFileMinutes") ? java.time.Duration.ofMinutes(s.whole("maxFileMinutes", 0)) : d.maxFileAge(),
                    s.whole("retainFiles", d.retainFiles()),
                    n.has("retainDays") ? java.time.Duration.ofDays(s.whole("retainDays", 0)) : d.retainAge());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static long storeNames(Path file, JsonNode n, long d) {
        checkKeys(file, "store.", n, STORE);
        if (!n.has("names")) {
            return d;
        }
        JsonNode names = n.get("names");
        if (!names.isIntegralNumber() || !names.canConvertToLong() || names.asLong() < MIN_STORE_NAMES || names.asLong() > MAX_STORE_NAMES) {
            throw new ConfigException(file + ": store.names must be a whole number from " + MIN_STORE_NAMES + " to "
                    + MAX_STORE_NAMES + ", not " + names);
        }
        return names.asLong();
    }

    private static ControlLimits limits(Path file, JsonNode n, ControlLimits d) {
        Section s = Section.of(file, "limits.", n, LIMITS);
        try {
            return new ControlLimits(s.whole("recordsPerBatch", d.recordsPerBatch()),
                    s.whole("valueCharsPerBatch", d.valueCharsPerBatch()),
                    s.whole("recordSetsPerZone", d.recordSetsPerZone()),
                    s.whole("valuesPerRecordSet", d.valuesPerRecordSet()),
                    s.whole("weightedSetsPerName", d.weightedSetsPerName()),
                    s.whole("geoproximitySetsPerName", d.geoproximitySetsPerName()),
                    s.whole("hostedZones", d.hostedZones()),
                    s.whole("healthChecks", d.healthChecks()),
                    s.whole("cidrCollections", d.cidrCollections()),
                    s.whole("cidrBlocksPerCollection", d.cidrBlocksPerCollection()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": limits: " + e.getMessage());
        }
    }

    private static List<MeridianConfig.ApiKey> apiKeys(Path file, JsonNode api) {
        checkKeys(file, "api.", api, API);
        List<MeridianConfig.ApiKey> keys = new ArrayList<>();
        for (JsonNode k : api.path("keys")) {
            checkKeys(file, "api.keys[].", k, KEY);
            String id = k.path("id").asText("");
            String secret = k.path("secret").asText("");
            if (id.isEmpty() || secret.isEmpty()) {
                throw new ConfigException(file + ": every api.keys entry needs both id and secret");
            }
            keys.add(new MeridianConfig.ApiKey(id, secret));
        }
        return keys;
    }

    /**
     * One mapping of the file, read against its defaults: each reader takes the key's default for
     * when it is absent, and refuses a value of the wrong kind naming the key with its prefix.
     */
    private record Section(Path file, String prefix, JsonNode node) {
        /** The section after checking that it is a mapping of known keys only. */
        static Section of(Path file, String prefix, JsonNode node, Set<String> allowed) {
            checkKeys(file, prefix, node, allowed);
            return new Section(file, prefix, node);
        }

        /**
         * A whole number that fits an int. Jackson's {@code asInt} would turn text or a fraction
         * into the default or a truncated value without a word; a typo must be refused instead.
         */
        int whole(String key, int absent) {
            if (!node.has(key)) {
                return absent;
            }
            JsonNode v = node.get(key);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new ConfigException(file + ": " + prefix + key + " must be a whole number, not " + v);
            }
            return v.asInt();
        }

        boolean flag(String key, boolean absent) {
            if (!node.has(key)) {
                return absent;
            }
            JsonNode v = node.get(key);
            if (!v.isBoolean()) {
                throw new ConfigException(file + ": " + prefix + key + " must be true or false, not " + v);
            }
            return v.asBoolean();
        }

        /** A file or directory; null means none (as the README's full block writes it). */
        Path path(String key, Path absent) {
            if (!node.has(key)) {
                return absent;
            }
            return node.get(key).isNull() ? null : Path.of(node.get(key).asText());
        }
    }

    private static void checkKeys(Path file, String prefix, JsonNode node, Set<String> allowed) {
        if (!node.isObject()) {
            throw new ConfigException(file + ": '" + (prefix.isEmpty() ? "(top level)" : prefix) + "' must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new ConfigException(file + ": unknown key '" + prefix + key + "'; known keys: " + allowed);
            }
        }
    }

    /** Parses HOST:PORT, [V6]:PORT or :PORT (all addresses). */
    public static InetSocketAddress address(String what, String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException(what + ": '" + text + "' must be HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(what + ": '" + text + "' has no valid port");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(what + ": port " + port + " is out of range 0..65535");
        }
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
