package io.meridian.resolver.health;

import io.meridian.resolver.control.HealthCheckConfig;
import io.meridian.resolver.control.HealthCheckService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes every health check off the query path and keeps {@link HealthTable} current
 * (ROUTE53.md §1.10). A ticker follows the stored checks (created, updated, deleted), starts each
 * probe when its RequestInterval is up on a bounded pool (one probe per check in flight at most),
 * and works out CALCULATED checks from their children. Disabled checks are not probed and read
 * healthy (unhealthy when also inverted).
 */
public final class HealthChecker implements AutoCloseable {
    /** How many observations {@link #observations} keeps per check: the dashboard's timeline has this many slots. */
    public static final int HISTORY = HealthState.HISTORY;

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);
    private static final long TICK_MILLIS = 200;
    /**
     * With no checks the ticker only looks for new ones, once a second (as it followed the checks
     * before it counted their writes): four wake-ups a second fewer on a core that answers queries.
     */
    private static final long IDLE_TICK_MILLIS = 1000;

    private final HealthCheckService checks;
    private final HealthTable table;
    private volatile EndpointProbe probe;
    private final Clock clock;
    private final ScheduledExecutorService ticker;
    private final ExecutorService probes;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    /** {@link HealthCheckService#writes} when the checks were last read (-1: never). */
    private long followed = -1;

    private static final class Tracked {
        volatile HealthCheckService.HealthCheck check;
        final HealthState state;
        volatile long nextDueNanos;
        volatile boolean inFlight;

        Tracked(HealthCheckService.HealthCheck check) {
            this.check = check;
            this.state = new HealthState(check.config().failureThreshold(), check.config().inverted());
        }
    }

    public HealthChecker(HealthCheckService checks, HealthTable table, HealthSettings settings, Clock clock) {
        this.checks = checks;
        this.table = table;
        this.clock = clock;
        this.probe = new EndpointProbe(clock, settings.allowPrivateTargets());
        AtomicInteger n = new AtomicInteger();
        this.probes = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 30, TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> daemon(r, "health-probe-" + n.incrementAndGet()));
        ((ThreadPoolExecutor) probes).allowCoreThreadTimeOut(true);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "health-ticker"));
        ticker.execute(this::tick);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * New probe settings (a reload of the configuration): probes started from now on use them;
     * those in flight finish as they began.
     */
    public void apply(HealthSettings settings) {
        probe = new EndpointProbe(clock, settings.allowPrivateTargets());
        ThreadPoolExecutor pool = (ThreadPoolExecutor) probes;
        // The core size may never exceed the maximum, so the order depends on the direction.
        if (settings.concurrency() > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(settings.concurrency());
            pool.setCorePoolSize(settings.concurrency());
        } else {
            pool.setCorePoolSize(settings.concurrency());
            pool.setMaximumPoolSize(settings.concurrency());
        }
    }

    public HealthTable table() {
        return table;
    }

    /** Whether routing treats the check as healthy now (unknown Ids: healthy). */
    public boolean healthy(String id) {
        return table.healthy(id);
    }

    /** Recent observations of a check, newest first (at most {@link #HISTORY}); empty for an unknown check or before the first probe. */
    public List<Observation> observations(String id) {
        Tracked t = tracked.get(id);
        return t == null ? List.of() : t.state.history();
    }

    public Optional<Observation> lastFailure(String id) {
        Tracked t = tracked.get(id);
        return t == null ? Optional.empty() : Optional.ofNullable(t.state.lastFailure());
    }

    private void tick() {
        try {
            // The count first: a change landing between it and the list is read again next tick.
            long writes = checks.writes();
            if (writes != followed) {
                follow(checks.list());
                followed = writes;
            }
            long now = System.nanoTime();
            for (Tracked t : tracked.values()) {
                HealthCheckConfig c = t.check.config();
                if (c.disabled()) {
                    publish(t, true);
                } else if ("CALCULATED".equals(c.type())) {
                    calculate(t, now);
                } else if (!t.inFlight && now - t.nextDueNanos >= 0) {
                    t.inFlight = true;
                    t.nextDueNanos = now + TimeUnit.SECONDS.toNanos(c.requestInterval());
                    probes.execute(() -> run(t));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("health check round failed: {}", e.toString());
        }
        try {
            ticker.schedule(this::tick, tracked.isEmpty() ? IDLE_TICK_MILLIS : TICK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // close() stopped the ticker: no more rounds
        }
    }

    private void follow(List<HealthCheckService.HealthCheck> current) {
        Map<String, HealthCheckService.HealthCheck> byId = new HashMap<>();
        current.forEach(c -> byId.put(c.id(), c));
        tracked.keySet().removeIf(id -> {
            if (byId.containsKey(id)) {
                return false;
            }
            table.set(id, true); // a deleted check no longer says anything about the records that name it
            return true;
        });
        for (HealthCheckService.HealthCheck c : current) {
            Tracked t = tracked.computeIfAbsent(c.id(), k -> {
                Tracked fresh = new Tracked(c);
                fresh.nextDueNanos = System.nanoTime();
                table.set(c.id(), fresh.state.healthy());
                return fresh;
            });
            if (t.check.version() != c.version()) {
                t.check = c;
                t.state.configure(c.config().failureThreshold(), c.config().inverted());
                t.nextDueNanos = System.nanoTime();
            }
        }
    }

    private void run(Tracked t) {
        try {
            Observation o = probe.probe(t.check.config());
            t.state.record(o);
            publish(t, t.state.healthy());
        } catch (RuntimeException e) {
            LOG.warn("health check {} probe failed: {}", t.check.id(), e.toString());
        } finally {
            t.inFlight = false;
        }
    }

    /** CALCULATED: healthy when at least HealthThreshold children are; recorded when it changes or each interval. */
    private void calculate(Tracked t, long now) {
        HealthCheckConfig c = t.check.config();
        long up = c.childHealthChecks().stream().filter(table::healthy).count();
        boolean ok = up >= c.healthThreshold();
        List<Observation> history = t.state.history();
        boolean changed = history.isEmpty() || history.get(0).success() != ok;
        if (changed || now - t.nextDueNanos >= 0) {
            t.nextDueNanos = now + TimeUnit.SECONDS.toNanos(c.requestInterval());
            String text = up + " of " + c.childHealthChecks().size() + " child health checks are healthy; HealthThreshold is "
                    + c.healthThreshold();
            HealthState s = t.state;
            s.configure(1, c.inverted());
            s.record(new Observation(Instant.now(clock), ok, (ok ? "Success: " : "Failure: ") + text, null, 0));
        }
        publish(t, t.state.healthy());
    }

    private void publish(Tracked t, boolean healthy) {
        HealthCheckConfig c = t.check.config();
        boolean status = c.disabled() ? !c.inverted() : healthy;
        if (table.healthy(t.check.id()) != status) {
            LOG.info("health check {} is now {}", t.check.id(), status ? "healthy" : "unhealthy");
        }
        table.set(t.check.id(), status);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        probes.shutdownNow();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
            probes.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
