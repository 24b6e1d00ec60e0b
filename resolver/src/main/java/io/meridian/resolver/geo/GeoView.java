package io.meridian.resolver.geo;

/**
 * The geo database and latency table in use, each swapped whole by a reload: queries read it with one volatile read, so
 * a reload never drops or blocks a query.
 */
public final class GeoView {
    private volatile GeoDatabase current = GeoDatabase.EMPTY;
    private volatile LatencyTable latency = LatencyTable.EMPTY;

    public GeoDatabase get() {
        return current;
    }

    public void set(GeoDatabase db) {
        current = db;
    }

    /** Measured client-to-region latency, when configured. */
    public LatencyTable latency() {
        return latency;
    }

    public void setLatency(LatencyTable table) {
        latency = table;
    }
}
