package io.meridian.resolver.geo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The configured geo database and latency table, loaded into a {@link GeoView} and reloaded when
 * their files change on disk: the new data replaces the old in one write, so no query waits or
 * is dropped; a file that no longer loads leaves the running data in force and is logged. A
 * reload of the configuration may point it at other files ({@link #repoint}).
 */
public final class GeoFiles {
    private static final Logger LOG = LoggerFactory.getLogger(GeoFiles.class);

    private Path database;
    private Path latencyTable;
    private final Path cacheDir;
    private final GeoView view = new GeoView();
    private String databaseStamp;
    private String latencyStamp;

    /**
     * @param database an .mmdb file or a Tor geoip directory or file, or null; latencyTable a CSV
     *                 file, or null; cacheDir where compiled copies of the database are kept, or null
     */
    public GeoFiles(Path database, Path latencyTable, Path cacheDir) throws IOException {
        this.database = database;
        this.latencyTable = latencyTable;
        this.cacheDir = cacheDir;
        if (database != null) {
            databaseStamp = GeoDatabase.fingerprint(database);
            view.set(GeoDatabase.load(database, cacheDir));
            LOG.info("geo data: {}", view.get().describe());
        }
        if (latencyTable != null) {
            latencyStamp = GeoDatabase.fingerprint(latencyTable);
            view.setLatency(LatencyTable.load(latencyTable));
            LOG.info("latency table: {}", view.latency().describe());
        }
    }

    public GeoView view() {
        return view;
    }

    /**
     * Follows other files from now on (a reload of the configuration): both are loaded before
     * either is put in force, so a file that does not load changes nothing and is reported.
     * Unchanged files (same path and content) are not loaded again.
     */
    public synchronized void repoint(Path newDatabase, Path newLatencyTable) throws IOException {
        String dbStamp = newDatabase == null ? null : GeoDatabase.fingerprint(newDatabase);
        String latStamp = newLatencyTable == null ? null : GeoDatabase.fingerprint(newLatencyTable);
        boolean dbChanged = !java.util.Objects.equals(newDatabase, database) || !java.util.Objects.equals(dbStamp, databaseStamp);
        boolean latChanged = !java.util.Objects.equals(newLatencyTable, latencyTable)
                || !java.util.Objects.equals(latStamp, latencyStamp);
        GeoDatabase db = dbChanged && newDatabase != null ? GeoDatabase.load(newDatabase, cacheDir) : null;
        LatencyTable lat = latChanged && newLatencyTable != null ? LatencyTable.load(newLatencyTable) : null;
        if (dbChanged) {
            view.set(db == null ? GeoDatabase.EMPTY : db);
            LOG.info("geo data: {}", db == null ? "none" : db.describe());
        }
        if (latChanged) {
            view.setLatency(lat == null ? LatencyTable.EMPTY : lat);
            LOG.info("latency table: {}", lat == null ? "none (distance decides)" : lat.describe());
        }
        database = newDatabase;
        databaseStamp = dbStamp;
        latencyTable = newLatencyTable;
        latencyStamp = latStamp;
    }

    /** Reloads what changed since the last look; returns true when something new is in force. */
    public synchronized boolean reloadChanged() {
        boolean changed = false;
        try {
            String now = database == null ? null : GeoDatabase.fingerprint(database);
            if (now != null && !now.equals(databaseStamp)) {
                try {
                    view.set(GeoDatabase.load(database, cacheDir));
                    LOG.info("geo data reloaded: {}", view.get().describe());
                    changed = true;
                } catch (IOException e) {
                    LOG.error("geo data {} did not load, the previous data stays in force: {}", database, e.getMessage());
                }
                databaseStamp = now;
            }
            now = latencyTable == null ? null : GeoDatabase.fingerprint(latencyTable);
            if (now != null && !now.equals(latencyStamp)) {
                try {
                    view.setLatency(LatencyTable.load(latencyTable));
                    LOG.info("latency table reloaded: {}", view.latency().describe());
                    changed = true;
                } catch (IOException e) {
                    LOG.error("latency table {} did not load, the previous one stays in force: {}", latencyTable, e.getMessage());
                }
                latencyStamp = now;
            }
        } catch (IOException e) {
            LOG.warn("cannot look at the geo files: {}", e.getMessage());
        }
        return changed;
    }
}
