package io.meridian.resolver.geo;

/**
 * The geo database in use, swapped whole by a reload: queries read it with one volatile read, so
 * a reload never drops or blocks a query.
 */
public final class GeoView {
    private volatile GeoDatabase current = GeoDatabase.EMPTY;

    public GeoDatabase get() {
        return current;
    }

    public void set(GeoDatabase db) {
        current = db;
    }
}
