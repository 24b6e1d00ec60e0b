package io.meridian.dashboard;

import io.meridian.resolver.config.ConfigException;
import io.meridian.resolver.server.SystemdNotify;

import java.util.concurrent.CountDownLatch;

/**
 * {@code meridian serve}: the appliance until SIGTERM or SIGINT; SIGHUP reloads the configuration.
 * Logs one line per event on stdout/stderr (journald adds the time), the first saying where it
 * listens.
 */
final class ServeCommand {
    private ServeCommand() {
    }

    static int run(CommandLine cl) throws Meridian.CommandFailed {
        cl.allowOnly("serve", "--config", "--data-dir", "--dns", "--http", "--zone", "--geo");
        if (!cl.positional.isEmpty()) {
            throw new ConfigException("serve takes no arguments, got " + cl.positional);
        }
        // Chronicle adds a shutdown hook of its own when this class first loads: during a shutdown
        // that fails, and a SIGTERM before the store opened would end the start with a stack trace.
        io.meridian.resolver.store.ZoneStore.initialiseChronicleReleaser();
        // The hook is in place before the start: DNS answers part way through it, and a SIGTERM then
        // must still close the store (else the next start finds it unclean and recovers the maps).
        // It waits until the start has ended and been announced, then closes what it started.
        CountDownLatch started = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Appliance> running = new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            awaitUninterruptibly(started);
            Appliance a = running.get();
            if (a != null) {
                SystemdNotify.stopping();
                a.close();
                System.out.println("meridian stopped");
            }
            stopped.countDown();
        }, "shutdown"));
        try {
            Appliance appliance = Appliance.start(cl);
            running.set(appliance);
            // systemd's ExecReload and operators send SIGHUP; the JDK's own handler would ignore it.
            sun.misc.SignalHandler previous =
                    sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> appliance.reloadOnSignal());
            if (previous == sun.misc.SignalHandler.SIG_IGN) {
                // The JVM leaves a signal its parent ignored (nohup does that) ignored.
                System.out.println("meridian: SIGHUP is ignored in this process (started under nohup?); reload with `meridian reload`");
            }
            System.out.println(appliance.listeningLine());
            // Zones are loaded and both faces bound: a Type=notify unit becomes active only now.
            SystemdNotify.ready();
        } finally {
            started.countDown();
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
