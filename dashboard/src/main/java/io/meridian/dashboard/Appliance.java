package io.meridian.dashboard;

import io.meridian.dashboard.admin.AdminSocket;
import io.meridian.dashboard.api.route53.ApiKeys;
import io.meridian.dashboard.api.route53.Route53Api;
import io.meridian.dashboard.web.Dashboard;
import io.meridian.dashboard.web.DashboardUsers;
import io.meridian.dashboard.web.HttpFace;
import io.meridian.dashboard.web.MetricsToken;
import io.meridian.dashboard.tls.TlsCredentials;
import io.meridian.resolver.config.MeridianConfig;
import io.meridian.resolver.server.DataPlane;
import io.meridian.resolver.zone.ZoneException;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A running appliance, as {@code meridian serve} starts it: the DNS data plane, the HTTP face and
 * the admin socket, with the configuration in force. What the admin socket answers (status,
 * reload, backup) is asked of this object.
 */
final class Appliance implements AutoCloseable {
    private final CommandLine commandLine;
    private final DataPlane plane;
    private final HttpFace http;
    private final ConfigReload reload;
    private final Instant started = Instant.now();
    private AdminSocket admin;

    private Appliance(CommandLine commandLine, DataPlane plane, HttpFace http, ConfigReload reload) {
        this.commandLine = commandLine;
        this.plane = plane;
        this.http = http;
        this.reload = reload;
    }

    /** Starts everything {@code commandLine} configures; nothing is left running when this throws. */
    static Appliance start(CommandLine commandLine) throws Meridian.CommandFailed {
        MeridianConfig config = commandLine.config();
        ApiKeys keys = apiKeys(config);
        if (keys.generatedFile() != null) {
            System.out.println("meridian: no API key was configured; generated one in " + keys.generatedFile().toAbsolutePath()
                    + " (mode 0600)");
        }
        DashboardUsers users = dashboardUsers(config);
        TlsCredentials credentials = null;
        if (config.http().tls()) {
            try {
                credentials = TlsCredentials.load(config.http().certificate(), config.http().privateKey());
            } catch (IOException e) {
                throw new Meridian.CommandFailed(e.getMessage());
            }
        }
        if (users.generatedPassword() != null) {
            System.out.println("meridian: no dashboard user was configured; log in as admin with password "
                    + users.generatedPassword() + " (only its hash is kept, in " + users.file().toAbsolutePath() + ")");
        }
        DataPlane plane;
        try {
            plane = DataPlane.start(config);
        } catch (ZoneException e) {
            throw new Meridian.CommandFailed(e.getMessage());
        } catch (IOException e) {
            throw new Meridian.CommandFailed("cannot start: " + e.getMessage());
        }
        Appliance appliance = null;
        try {
            Route53Api api = new Route53Api(keys, plane, Clock.systemUTC());
            Dashboard dashboard = new Dashboard(plane, users, Clock.systemUTC(), MetricsToken.load(config.dataDir()));
            HttpFace http;
            try {
                http = HttpFace.start(config.http(), credentials, api, dashboard);
            } catch (RuntimeException e) {
                throw new IOException("cannot serve HTTP on " + httpAddresses(config.http()) + ": " + e.getMessage(), e);
            }
            appliance = new Appliance(commandLine, plane, http, new ConfigReload(commandLine, config, plane, http, api, dashboard));
            appliance.admin = AdminSocket.start(config.dataDir(), appliance.adminRequests());
            // Start-up garbage goes now, once, before systemd hears READY: otherwise the first young
            // collection under traffic copies everything start-up left alive (zones, the HTTP
            // face's indexes) and, on one core, stalled answering for 60-130 ms (dnsperf at 50k QPS
            // saw ~2,400 queries dropped by the full socket buffer, and milliseconds of latency).
            System.gc();
            return appliance;
        } catch (IOException | RuntimeException e) {
            if (appliance != null) {
                appliance.close();
            } else {
                closeQuietly(plane);
            }
            throw new Meridian.CommandFailed(e.getMessage());
        }
    }

    static ApiKeys apiKeys(MeridianConfig config) throws Meridian.CommandFailed {
        try {
            return ApiKeys.load(config, System.getenv("MERIDIAN_API_KEYS"));
        } catch (IOException e) {
            throw new Meridian.CommandFailed("cannot set up API keys in " + config.dataDir() + ": " + e.getMessage());
        }
    }

    static DashboardUsers dashboardUsers(MeridianConfig config) throws Meridian.CommandFailed {
        try {
            return DashboardUsers.load(config.dashboardUsers(), config.dataDir());
        } catch (IOException e) {
            throw new Meridian.CommandFailed("cannot set up dashboard users in " + config.dataDir() + ": " + e.getMessage());
        }
    }

    private Map<String, AdminSocket.Handler> adminRequests() {
        return Map.of("STATUS", r -> r.ok(status()),
                "RELOAD", r -> r.ok(reload.reload()),
                "BACKUP", r -> {
                    // Snapshot first: a failure is still an ERROR line, not a cut archive.
                    java.util.Map<String, byte[]> entries = io.meridian.dashboard.backup.BackupArchive.entries(
                            plane.zones().snapshot(), reload.inForce().dataDir());
                    io.meridian.dashboard.backup.BackupArchive.write(r.ok(), entries, Version.current(), Instant.now());
                });
    }

    /** SIGHUP: reload, telling only the log. */
    void reloadOnSignal() {
        reload.reloadAndLog();
    }

    private static String httpAddresses(io.meridian.resolver.config.HttpSettings s) {
        return (s.plain() ? HttpFace.hostPort(s.listen()) : "") + (s.plain() && s.tls() ? " and " : "")
                + (s.tls() ? HttpFace.hostPort(s.tlsListen()) + " (TLS)" : "");
    }

    /** The one line an operator (and the tests) read to know the appliance is up and where. */
    String listeningLine() {
        return "meridian listening: DNS udp+tcp " + HttpFace.hostPort(plane.server().udpAddress())
                + ", HTTP " + String.join(" ", http.urls()) + ", data " + reload.inForce().dataDir().toAbsolutePath()
                + ", zones " + plane.zones().list().size();
    }

    /** What {@code meridian status} prints: one "name: value" line each. */
    List<String> status() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("version: " + Version.current());
        lines.add("dns: udp+tcp " + HttpFace.hostPort(plane.server().udpAddress()));
        lines.add("http: " + String.join(" ", http.urls()));
        List<io.meridian.resolver.control.ZoneService.ZoneSummary> zones = plane.zones().list();
        lines.add("zones: " + zones.size());
        lines.add("record sets: " + zones.stream().mapToLong(io.meridian.resolver.control.ZoneService.ZoneSummary::rrsets).sum());
        long up = plane.healthChecks().list().stream().filter(c -> plane.checker().healthy(c.id())).count();
        lines.add("health checks: " + up + " up, " + (plane.healthChecks().list().size() - up) + " down");
        lines.add("queries served: " + plane.server().metrics().total());
        lines.add("uptime: " + duration(java.time.Duration.between(started, Instant.now())));
        java.nio.file.Path dataDir = reload.inForce().dataDir();
        lines.add("data dir: " + dataDir.toAbsolutePath() + " (" + DataDirSize.megabytes(dataDir) + ")");
        lines.add("config: " + (commandLine.option("--config") == null ? "none (defaults and flags)"
                : java.nio.file.Path.of(commandLine.option("--config")).toAbsolutePath()));
        return lines;
    }

    /** "3d 4h 5m 6s", leading zero units left out. */
    static String duration(java.time.Duration d) {
        long s = d.getSeconds();
        String out = (s / 86400 > 0 ? s / 86400 + "d " : "") + (s / 3600 > 0 ? s / 3600 % 24 + "h " : "")
                + (s / 60 > 0 ? s / 60 % 60 + "m " : "");
        return out + s % 60 + "s";
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        http.close();
        closeQuietly(plane);
    }

    private static void closeQuietly(DataPlane plane) {
        try {
            plane.close();
        } catch (IOException e) {
            System.err.println("meridian: error while stopping: " + e.getMessage());
        }
    }
}
