package io.meridian.dashboard;

import io.meridian.dashboard.api.route53.ApiKeys;
import io.meridian.dashboard.api.route53.Route53Api;
import io.meridian.dashboard.tls.TlsCredentials;
import io.meridian.dashboard.web.Dashboard;
import io.meridian.dashboard.web.DashboardUsers;
import io.meridian.dashboard.web.HttpFace;
import io.meridian.resolver.config.ConfigException;
import io.meridian.resolver.config.HttpSettings;
import io.meridian.resolver.config.MeridianConfig;
import io.meridian.resolver.server.DataPlane;
import io.meridian.resolver.zone.ZoneException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Live reload (SIGHUP, {@code meridian reload}): reads the configuration again the way
 * {@code serve} did (the same file, the same flags over it) and puts in force what can change
 * while serving: geo data and latency table, health probing, dashboard users, API keys and the
 * delegation set, limits, query-log settings, the TLS certificate and key, and the zone files
 * (imported again). Addresses, the data directory and the DNS engine's settings need a restart:
 * they are reported and left as they are, so the DNS sockets are never touched and no query is
 * dropped. Everything that can fail is loaded before anything changes: a bad config is refused
 * whole, with the running one still in force.
 */
final class ConfigReload {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    private final CommandLine commandLine;
    private final DataPlane plane;
    private final HttpFace http;
    private final Route53Api api;
    private final Dashboard dashboard;
    private volatile MeridianConfig inForce;

    ConfigReload(CommandLine commandLine, MeridianConfig inForce, DataPlane plane, HttpFace http, Route53Api api, Dashboard dashboard) {
        this.commandLine = commandLine;
        this.inForce = inForce;
        this.plane = plane;
        this.http = http;
        this.api = api;
        this.dashboard = dashboard;
    }

    MeridianConfig inForce() {
        return inForce;
    }

    /** Reloads; returns what the operator is told (also logged). A refused config throws with the reason. */
    synchronized List<String> reload() throws Meridian.CommandFailed {
        MeridianConfig next;
        try {
            next = commandLine.config();
        } catch (ConfigException e) {
            throw refused(e.getMessage());
        }
        List<String> restart = needsRestart(inForce, next);
        MeridianConfig live = next.withDataDir(inForce.dataDir()).withDns(inForce.dns()).withHttp(liveHttp(inForce.http(), next.http()));
        ApiKeys keys = Appliance.apiKeys(live);
        DashboardUsers users = Appliance.dashboardUsers(live);
        TlsCredentials credentials = null;
        if (http.servesTls()) {
            try {
                credentials = TlsCredentials.load(live.http().certificate(), live.http().privateKey());
            } catch (IOException e) {
                throw refused(e.getMessage());
            }
        }
        try {
            plane.reconfigure(live);
        } catch (IOException | ZoneException e) {
            throw refused(e.getMessage());
        }
        api.reconfigure(keys);
        dashboard.useUsers(users);
        if (credentials != null) {
            try {
                http.useCredentials(credentials);
            } catch (Exception e) {
                throw new Meridian.CommandFailed("the new TLS certificate could not be put in force: " + e.getMessage());
            }
        }
        inForce = live;
        try {
            plane.importZones(live.zones());
        } catch (ZoneException e) {
            throw new Meridian.CommandFailed("reloaded, but a zone file was not imported: " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        out.add("reloaded " + source() + ": " + live.zones().size() + " zone files imported"
                + (credentials == null ? "" : ", certificate " + credentials.certificate().getSubjectX500Principal().getName()
                + " until " + credentials.certificate().getNotAfter().toInstant()));
        restart.forEach(r -> out.add("needs a restart, left as it is: " + r));
        out.forEach(LOG::info);
        return out;
    }

    /** For SIGHUP: the outcome goes to the log only. */
    void reloadAndLog() {
        try {
            reload();
        } catch (Meridian.CommandFailed e) {
            LOG.error("{}", e.getMessage());
        }
    }

    private Meridian.CommandFailed refused(String why) {
        String message = "reload refused, the running configuration stays in force: " + why;
        return new Meridian.CommandFailed(message);
    }

    private String source() {
        String file = commandLine.option("--config");
        return file == null ? "(no config file: defaults and flags)" : file;
    }

    /** The certificate and key may change live; whether and where HTTP and HTTPS listen may not. */
    private static HttpSettings liveHttp(HttpSettings running, HttpSettings next) {
        return running.tls() && next.tls() ? running.withTls(running.tlsListen(), next.certificate(), next.privateKey()) : running;
    }

    static List<String> needsRestart(MeridianConfig running, MeridianConfig next) {
        List<String> out = new ArrayList<>();
        differs(out, "dataDir", running.dataDir(), next.dataDir());
        for (RecordComponent c : running.dns().getClass().getRecordComponents()) {
            try {
                differs(out, "dns." + c.getName(), c.getAccessor().invoke(running.dns()), c.getAccessor().invoke(next.dns()));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        HttpSettings a = running.http();
        HttpSettings b = next.http();
        differs(out, "http.listen", a.listen(), b.listen());
        differs(out, "http.plain", a.plain(), b.plain());
        differs(out, "http.tls.listen", a.tlsListen(), b.tlsListen());
        if (a.tls() != b.tls()) {
            out.add("http.tls (HTTPS " + (b.tls() ? "on" : "off") + ")");
        }
        return out;
    }

    private static void differs(List<String> out, String key, Object running, Object next) {
        if (!Objects.equals(running, next)) {
            out.add(key + " (" + running + " -> " + next + ")");
        }
    }
}
