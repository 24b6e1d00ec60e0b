package io.meridian.dashboard.api.route53;

import io.meridian.dashboard.web.HttpFace;
import io.meridian.resolver.config.MeridianConfig;
import io.meridian.resolver.server.DataPlane;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The data plane and the HTTP face on free loopback ports, data under target/, one zone, one
 * configured API key; plus a second HTTP face whose clock runs 20 minutes ahead.
 */
final class ApiTestServer implements AutoCloseable {
    static final String ID = "AKIATESTMERIDIAN0001";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYTESTSECRET";
    /** The dashboard user every test server has. */
    static final String OPERATOR_PASSWORD = "correct horse battery staple";
    static final String METRICS_TOKEN = "metrics-token-for-tests-0123456789";

    final DataPlane plane;
    final HttpFace http;
    /** The Tor-format geo database the server follows (rewrite it to move clients). */
    final Path geoDir;
    /** The data directory (query-log files under querylog/). */
    final Path dataDir;
    final HttpFace skewed;
    private final java.util.List<software.amazon.awssdk.services.route53.Route53Client> clients = new java.util.ArrayList<>();

    private ApiTestServer(DataPlane plane, HttpFace http, HttpFace skewed, Path geoDir, Path dataDir) {
        this.plane = plane;
        this.dataDir = dataDir;
        this.geoDir = geoDir;
        this.http = http;
        this.skewed = skewed;
    }

    static ApiTestServer start() throws Exception {
        Path data = io.meridian.resolver.testing.DataDirs.fresh("api");
        Path zone = data.resolve("api.test.zone");
        Files.writeString(zone, "$ORIGIN api.test.\n@ 300 SOA ns1 hostmaster 1 3600 600 86400 60\n@ 300 NS ns1\nns1 300 A 192.0.2.1\n");
        // Tor geoip format: 198.51.100.0/24 is in France, 203.0.113.0/24 in the United States.
        Path geo = Files.createDirectories(data.resolve("geo"));
        Files.writeString(geo.resolve("geoip"), "3325256704,3325256959,FR\n3405803776,3405804031,US\n");
        MeridianConfig config = MeridianConfig.defaults().withDataDir(data).withZones(List.of(zone))
                .withDns(MeridianConfig.defaults().dns().withListen(new InetSocketAddress("127.0.0.1", 0)))
                .withApiKeys(List.of(new MeridianConfig.ApiKey(ID, SECRET)))
                .withNameServers(List.of("ns1.appliance.test.", "ns2.appliance.test."))
                .withHealth(new io.meridian.resolver.health.HealthSettings(true, 1, 4))
                .withGeoDatabases(List.of(geo));
        DataPlane plane = DataPlane.start(config);
        ApiKeys keys = ApiKeys.load(config, null);
        io.meridian.resolver.config.HttpSettings plainHttp = io.meridian.resolver.config.HttpSettings.DEFAULTS
                .withListen(new InetSocketAddress("127.0.0.1", 0));
        io.meridian.dashboard.web.DashboardUsers users = io.meridian.dashboard.web.DashboardUsers.load(
                java.util.Map.of("operator", io.meridian.dashboard.web.PasswordHash.hash(OPERATOR_PASSWORD.toCharArray())), data);
        HttpFace http = HttpFace.start(plainHttp, null, new Route53Api(keys, plane, Clock.systemUTC()),
                new io.meridian.dashboard.web.Dashboard(plane, users, Clock.systemUTC(), METRICS_TOKEN));
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20));
        HttpFace skewed = HttpFace.start(plainHttp, null, new Route53Api(keys, plane, ahead),
                new io.meridian.dashboard.web.Dashboard(plane, users, Clock.systemUTC(), METRICS_TOKEN));
        return new ApiTestServer(plane, http, skewed, geo, data);
    }

    /** Asks the running data plane over UDP, as a resolver would. */
    org.xbill.DNS.Message ask(String name, int type) throws Exception {
        org.xbill.DNS.SimpleResolver res = new org.xbill.DNS.SimpleResolver(plane.server().udpAddress());
        res.setTimeout(Duration.ofSeconds(3));
        return res.send(org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(org.xbill.DNS.Name.fromString(name), type,
                org.xbill.DNS.DClass.IN)));
    }

    /** Asks as a resolver serving the client subnet {@code subnet}/{@code bits} would (EDNS Client Subnet). */
    org.xbill.DNS.Message ask(String name, int type, String subnet, int bits) throws Exception {
        org.xbill.DNS.SimpleResolver res = new org.xbill.DNS.SimpleResolver(plane.server().udpAddress());
        res.setTimeout(Duration.ofSeconds(3));
        res.setEDNS(0, 1232, 0, List.of(new org.xbill.DNS.ClientSubnetOption(bits, java.net.InetAddress.getByName(subnet))));
        return res.send(org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(org.xbill.DNS.Name.fromString(name), type,
                org.xbill.DNS.DClass.IN)));
    }

    /** An AWS SDK client for this server with the configured key; closed with the server. */
    software.amazon.awssdk.services.route53.Route53Client client() {
        software.amazon.awssdk.services.route53.Route53Client c = Route53ApiAuthTest.client(http, ID, SECRET);
        clients.add(c);
        return c;
    }

    int port() {
        return http.address().getPort();
    }

    @Override
    public void close() throws IOException {
        clients.forEach(software.amazon.awssdk.services.route53.Route53Client::close);
        http.close();
        skewed.close();
        plane.close();
    }
}
