package io.meridian.resolver.server;

import io.meridian.resolver.config.MeridianConfig;
import io.meridian.resolver.control.CidrCollectionService;
import io.meridian.resolver.control.ControlLimits;
import io.meridian.resolver.control.HealthCheckService;
import io.meridian.resolver.control.TagService;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.geo.GeoFiles;
import io.meridian.resolver.health.HealthChecker;
import io.meridian.resolver.health.HealthTable;
import io.meridian.resolver.store.ZoneStore;
import io.meridian.resolver.zone.ServingView;
import io.meridian.resolver.zone.ZoneException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything that answers DNS, started in order: the zone store, the serving view loaded from it
 * (no zone file is re-parsed), the configured zone files imported over it, then the sockets.
 * Also follows changes other processes make to the store, once a second.
 */
public final class DataPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataPlane.class);
    /** Room for more checks than any limit allows: Ids of deleted checks keep their slot. */
    private static final int HEALTH_SLOTS = 65_536;

    private final ZoneStore store;
    private final ZoneService zones;
    private final DnsServer server;
    private final ScheduledExecutorService sync;
    private final HealthCheckService healthChecks;
    private final HealthChecker checker;
    private final CidrCollectionService cidrCollections;
    private final TagService tags;
    private final GeoFiles geo;
    private final io.meridian.resolver.querylog.QueryLogPump queryLog;
    /** Reloadable: a reload may name the appliance's hosts anew. */
    private volatile List<String> nameServers;
    /** Read by every health-check create and update: which RequestIntervals are allowed now. */
    private volatile io.meridian.resolver.health.HealthSettings health;

    private DataPlane(ZoneStore store, ZoneService zones, DnsServer server, MeridianConfig config, HealthTable table,
                      GeoFiles geo, io.meridian.resolver.querylog.QueryLogFiles queryLogFiles) {
        this.store = store;
        this.geo = geo;
        this.zones = zones;
        this.server = server;
        ControlLimits limits = config.limits();
        this.health = config.health();
        this.healthChecks = new HealthCheckService(store, limits, seconds -> health.intervalAllowed(seconds));
        this.checker = new HealthChecker(healthChecks, table, config.health(), Clock.systemUTC());
        this.cidrCollections = new CidrCollectionService(store.cidrCollections(), limits, zones::cidrInUse,
                zones::cidrCollectionChanged);
        this.tags = new TagService(store);
        this.queryLog = new io.meridian.resolver.querylog.QueryLogPump(server.metrics(), this::zoneIdsByOrigin, queryLogFiles);
        this.nameServers = List.copyOf(config.nameServers());
        sync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zone-sync");
            t.setDaemon(true);
            return t;
        });
        sync.scheduleWithFixedDelay(this::syncFromStore, 1, 1, TimeUnit.SECONDS);
        sync.scheduleWithFixedDelay(geo::reloadChanged, 1, 1, TimeUnit.SECONDS);
        sync.scheduleAtFixedRate(server.metrics()::sample, 1, 1, TimeUnit.SECONDS);
    }

    public static DataPlane start(MeridianConfig config) throws IOException, ZoneException {
        ZoneStore store = ZoneStore.open(config.dataDir(), config.storeSizing());
        try {
            ServingView view = new ServingView();
            HealthTable table = new HealthTable(HEALTH_SLOTS);
            if (config.geoDatabases().size() > 1) {
                throw new IOException("geo.databases takes one database for now, got " + config.geoDatabases());
            }
            GeoFiles geo = new GeoFiles(config.geoDatabases().isEmpty() ? null : config.geoDatabases().get(0), config.latencyTable(),
                    config.dataDir().resolve("geo-cache"));
            ZoneService zones = new ZoneService(store, view, config.limits(), table, geo.view());
            long loading = System.nanoTime();
            ZoneService.LoadReport loaded = zones.loadAll();
            if (loaded.fromImages() + loaded.compiled() > 0) {
                LOG.info("loaded {} zones in {} ms: {} from their serving images, {} compiled from the store",
                        loaded.fromImages() + loaded.compiled(), (System.nanoTime() - loading) / 1_000_000, loaded.fromImages(),
                        loaded.compiled());
            }
            int replayed = zones.recoverJournal();
            if (replayed > 0) {
                LOG.info("applied {} journaled change batches the store did not hold yet", replayed);
            }
            importZones(zones, config.zones());
            io.meridian.resolver.querylog.QueryLogFiles queryLogFiles = queryLogFiles(config);
            return new DataPlane(store, zones, DnsServer.start(config.dns(), view), config, table, geo, queryLogFiles);
        } catch (IOException | ZoneException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Imports each zone file over the stored zone (config {@code zones}, at start and at every reload). */
    public void importZones(List<Path> files) throws ZoneException {
        importZones(zones, files);
    }

    private static void importZones(ZoneService zones, List<Path> files) throws ZoneException {
        for (Path file : files) {
            ZoneService.ZoneSummary z = zones.importFile(file, null);
            LOG.info("imported {} from {}: {} records, serial {}", z.origin(), file, z.records(), z.serial());
        }
    }

    /**
     * Puts a reloaded configuration's live settings in force: geo data and latency table, quotas,
     * health-check probing, query-log files. Whatever can fail is tried before anything changes
     * (query-log directory, geo files, and every zone file of {@code zones} is parsed, for
     * {@link #importZones} to follow), so a bad value leaves the running settings as they were.
     * The DNS sockets are not touched; what cannot change without a restart (addresses, dataDir,
     * dns.*) is the caller's to keep and report.
     */
    public void reconfigure(MeridianConfig next) throws IOException, ZoneException {
        if (next.geoDatabases().size() > 1) {
            throw new IOException("geo.databases takes one database for now, got " + next.geoDatabases());
        }
        for (Path file : next.zones()) {
            io.meridian.resolver.zone.ZoneFileParser.parse(file, null);
        }
        io.meridian.resolver.querylog.QueryLogFiles files = queryLogFiles(next);
        try {
            geo.repoint(next.geoDatabases().isEmpty() ? null : next.geoDatabases().get(0), next.latencyTable());
        } catch (IOException e) {
            if (files != null) {
                files.close();
            }
            throw new IOException("geo data did not load, nothing was changed: " + e.getMessage(), e);
        }
        zones.limits(next.limits());
        healthChecks.limits(next.limits());
        cidrCollections.limits(next.limits());
        health = next.health();
        nameServers = List.copyOf(next.nameServers());
        checker.apply(next.health());
        queryLog.useFiles(files);
    }

    private static io.meridian.resolver.querylog.QueryLogFiles queryLogFiles(MeridianConfig config) throws IOException {
        if (!config.queryLog().files()) {
            return null;
        }
        Path dir = config.queryLog().dir(config.dataDir());
        try {
            return new io.meridian.resolver.querylog.QueryLogFiles(dir, config.queryLog(), Clock.systemUTC());
        } catch (IOException e) {
            throw new IOException("cannot write query logs to " + dir + ": " + e.getMessage(), e);
        }
    }

    private java.util.Map<String, String> zoneIdsByOrigin() {
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        for (ZoneService.ZoneSummary z : zones.list()) {
            ids.put(z.origin(), z.id());
        }
        return ids;
    }

    private void syncFromStore() {
        try {
            List<String> changed = zones.syncFromStore();
            if (!changed.isEmpty()) {
                LOG.info("zones changed in the store, now served: {}", changed);
            }
        } catch (ZoneException | RuntimeException e) {
            LOG.warn("could not follow a zone change in the store: {}", e.getMessage());
        }
    }

    public ZoneService zones() {
        return zones;
    }

    /** Health checks kept with the zones. */
    public HealthCheckService healthChecks() {
        return healthChecks;
    }

    /** What the probes found: status and observations of every health check. */
    public HealthChecker checker() {
        return checker;
    }

    public CidrCollectionService cidrCollections() {
        return cidrCollections;
    }

    /** The geo data in use (followed on disk: a changed file is reloaded within a second). */
    public GeoFiles geo() {
        return geo;
    }

    /** The delegation set (meridian.yaml nameServers) a hosted zone created here gets, through whichever face. */
    public List<String> nameServers() {
        return nameServers;
    }

    public TagService tags() {
        return tags;
    }

    public DnsServer server() {
        return server;
    }

    /** The query log: files, top names, and the live tail's feed. */
    public io.meridian.resolver.querylog.QueryLogPump queryLog() {
        return queryLog;
    }

    @Override
    public void close() throws IOException {
        checker.close();
        queryLog.close();
        sync.shutdownNow();
        try {
            sync.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        store.close();
    }
}
