package io.meridian.dashboard;

import io.meridian.dashboard.api.route53.ApiKeys;
import io.meridian.dashboard.api.route53.Route53Api;
import io.meridian.dashboard.web.HttpFace;
import io.meridian.resolver.config.MeridianConfig;
import io.meridian.resolver.server.DataPlane;
import io.meridian.resolver.server.SystemdNotify;
import io.meridian.resolver.zone.ZoneException;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** {@code meridian serve}: the DNS data plane and the HTTP face until SIGTERM or SIGINT. */
final class ServeCommand {
    private ServeCommand() {
    }

    static int run(CommandLine cl) throws Meridian.CommandFailed {
        cl.allowOnly("serve", "--config", "--data-dir", "--dns", "--http", "--zone", "--geo");
        if (!cl.positional.isEmpty()) {
            throw new io.meridian.resolver.config.ConfigException("serve takes no arguments, got " + cl.positional);
        }
        MeridianConfig config = cl.config();
        ApiKeys keys;
        try {
            keys = ApiKeys.load(config, System.getenv("MERIDIAN_API_KEYS"));
        } catch (IOException e) {
            throw new Meridian.CommandFailed("cannot set up API keys in " + config.dataDir() + ": " + e.getMessage());
        }
        if (keys.generatedFile() != null) {
            System.out.println("meridian: no API key was configured; generated one in " + keys.generatedFile().toAbsolutePath()
                    + " (mode 0600)");
        }
        io.meridian.dashboard.web.DashboardUsers users;
        try {
            users = io.meridian.dashboard.web.DashboardUsers.load(config.dashboardUsers(), config.dataDir());
        } catch (IOException e) {
            throw new Meridian.CommandFailed("cannot set up dashboard users in " + config.dataDir() + ": " + e.getMessage());
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
        HttpFace http;
        try {
            http = HttpFace.start(config.http(), plane, new Route53Api(keys, plane, Clock.systemUTC(), config.nameServers()),
                    new io.meridian.dashboard.web.Dashboard(plane, users, Clock.systemUTC(),
                            io.meridian.dashboard.web.MetricsToken.load(config.dataDir())));
        } catch (RuntimeException | IOException e) {
            closeQuietly(plane);
            throw new Meridian.CommandFailed("cannot serve HTTP on " + config.http() + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SystemdNotify.stopping();
            http.close();
            closeQuietly(plane);
            System.out.println("meridian stopped");
            stopped.countDown();
        }, "shutdown"));
        System.out.println("meridian listening: DNS udp+tcp " + HttpFace.hostPort(plane.server().udpAddress())
                + ", HTTP http://" + HttpFace.hostPort(http.address()) + ", data " + config.dataDir().toAbsolutePath()
                + ", zones " + plane.zones().list().size());
        // Zones are loaded and both faces bound: a Type=notify unit becomes active only now.
        SystemdNotify.ready();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void closeQuietly(DataPlane plane) {
        try {
            plane.close();
        } catch (IOException e) {
            System.err.println("meridian: error while stopping: " + e.getMessage());
        }
    }
}
