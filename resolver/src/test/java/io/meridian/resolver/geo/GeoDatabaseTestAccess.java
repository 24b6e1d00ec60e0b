package io.meridian.resolver.geo;

import java.nio.file.Path;

/** Lets routing tests in other packages write the City fixture MmdbWriter makes. */
public final class GeoDatabaseTestAccess {
    private GeoDatabaseTestAccess() {
    }

    /** 203.0.113.0/24: San Francisco, California; 198.51.100.0/24: New York. */
    public static void writeCity(Path file) throws Exception {
        new MmdbWriter()
                .add(GeoDatabaseTest.v4("203.0.113.0"), 96 + 24, GeoDatabaseTest.city("US", "CA", 37.77, -122.42))
                .add(GeoDatabaseTest.v4("198.51.100.0"), 96 + 24, GeoDatabaseTest.city("US", "NY", 40.71, -74.01))
                .write(file);
    }
}
