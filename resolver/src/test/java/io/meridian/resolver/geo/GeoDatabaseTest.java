package io.meridian.resolver.geo;

import io.meridian.resolver.testing.DataDirs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in place tables and the Tor geoip loader, on the fixture and on Debian's real tor-geoipdb. */
class GeoDatabaseTest {
    static int locate(GeoDatabase db, String address) throws Exception {
        byte[] a = InetAddress.getByName(address).getAddress();
        return db.locate(a, a.length);
    }

    @Test
    void placesKnowEveryCountryTheirContinentAndTheAwsRegions() {
        Places p = Places.get();
        assertEquals("EU", Places.CONTINENTS.get(p.continent(p.country("FR"))));
        assertEquals("NA", Places.CONTINENTS.get(p.continent(p.country("US"))));
        assertEquals("OC", Places.CONTINENTS.get(p.continent(p.country("NZ"))));
        assertEquals(p.country("GB"), p.country("UK"), "a retired code still places a client");
        assertTrue(p.size() > 249);
        for (String region : io.meridian.resolver.control.RecordSetRulesAccess.regions()) {
            assertTrue(p.region(region) != null, "no coordinates for " + region);
        }
        double parisToFrankfurt = Places.distanceKm(48.85, 2.35, 50.11, 8.68);
        assertTrue(parisToFrankfurt > 450 && parisToFrankfurt < 500, "haversine: " + parisToFrankfurt);
    }

    @Test
    void theFixtureMapsItsRangesAndNothingElse() throws Exception {
        GeoDatabase db = GeoDatabase.loadTor(Path.of(GeoDatabaseTest.class.getResource("/geo/geoip").toURI()).getParent());
        Places p = Places.get();
        assertEquals(p.country("FR"), locate(db, "198.51.100.77"));
        assertEquals(p.country("DE"), locate(db, "2001:db8:1:abcd::1"));
        assertEquals(-1, locate(db, "198.51.101.1"));
        assertEquals(-1, locate(db, "2001:db8:2::1"));
        Path empty = Files.createTempFile(DataDirs.fresh("geo"), "geoip", "");
        Files.writeString(empty, "# nothing\n");
        assertThrows(java.io.IOException.class, () -> GeoDatabase.loadTor(empty));
        Path bad = Files.createTempFile(DataDirs.fresh("geo"), "geoip", "");
        Files.writeString(bad, "1,2\n");
        assertTrue(assertThrows(java.io.IOException.class, () -> GeoDatabase.loadTor(bad)).getMessage().contains(":1:"));
    }

    /** scripts/test unpacks Debian's tor-geoipdb and passes its directory; a bare mvn run skips this one. */
    @Test
    void debiansTorGeoipdbLoadsAndPlacesWellKnownAddresses() throws Exception {
        String dir = System.getProperty("meridian.torGeoip");
        Assumptions.assumeTrue(dir != null && !dir.isEmpty(), "meridian.torGeoip not set (scripts/test sets it)");
        GeoDatabase db = GeoDatabase.loadTor(Path.of(dir));
        assertTrue(db.describe().matches(".*\\((\\d{6,}) IPv4 and (\\d{5,}) IPv6 ranges\\)"), db.describe());
        assertEquals(Places.get().country("US"), locate(db, "8.8.8.8"));
        assertEquals(-1, locate(db, "127.0.0.1"), "loopback is in no country");
    }

    @Test
    void anMmdbFileIsReadIntoTheSameRangeTable() throws Exception {
        Path file = Files.createTempFile(DataDirs.fresh("geo"), "country", ".mmdb");
        byte[] fr = new byte[16];
        System.arraycopy(InetAddress.getByName("198.51.100.0").getAddress(), 0, fr, 12, 4);
        new MmdbWriter()
                .add(fr, 96 + 24, "FR")
                .add(InetAddress.getByName("2001:db8:1::").getAddress(), 48, "DE")
                .write(file);
        GeoDatabase db = GeoDatabase.load(file);
        Places p = Places.get();
        assertEquals(p.country("FR"), db.country(locate(db, "198.51.100.200")));
        assertEquals(p.country("DE"), db.country(locate(db, "2001:db8:1:ffff::9")));
        assertEquals(-1, locate(db, "198.51.101.1"));
        assertEquals(-1, locate(db, "2001:db8:2::1"));
        Path junk = Files.createTempFile(DataDirs.fresh("geo"), "junk", ".mmdb");
        Files.writeString(junk, "not a database");
        assertThrows(java.io.IOException.class, () -> GeoDatabase.load(junk));
    }

    static Map<String, Object> city(String country, String subdivision, double lat, double lon) {
        return Map.of("country", Map.of("iso_code", country), "subdivisions", List.of(Map.of("iso_code", subdivision)),
                "location", Map.of("latitude", lat, "longitude", lon));
    }

    static byte[] v4(String address) throws Exception {
        byte[] a = new byte[16];
        System.arraycopy(InetAddress.getByName(address).getAddress(), 0, a, 12, 4);
        return a;
    }

    /** A City database gives subdivisions (Route 53's US states) and coordinates of its own. */
    @Test
    void cityDataPlacesSubdivisionsAndCoordinates() throws Exception {
        Path file = Files.createTempFile(DataDirs.fresh("geo"), "city", ".mmdb");
        new MmdbWriter()
                .add(v4("203.0.113.0"), 96 + 24, city("US", "CA", 37.77, -122.42))
                .add(v4("198.51.100.0"), 96 + 24, city("US", "NY", 40.71, -74.01))
                .write(file);
        GeoDatabase db = GeoDatabase.load(file);
        int sf = locate(db, "203.0.113.9");
        assertEquals(Places.get().country("US"), db.country(sf));
        assertEquals("CA", db.subdivision(sf));
        assertTrue(db.hasCoordinates(sf));
        assertEquals(37.77, db.latitude(sf), 0.001);
        assertEquals("NY", db.subdivision(locate(db, "198.51.100.9")));

        Path statesOnly = Files.createTempFile(DataDirs.fresh("geo"), "states", ".mmdb");
        new MmdbWriter().add(v4("203.0.113.0"), 96 + 24, Map.of("country", Map.of("iso_code", "US"),
                "subdivisions", List.of(Map.of("iso_code", "WA")))).write(statesOnly);
        GeoDatabase states = GeoDatabase.load(statesOnly);
        int wa = locate(states, "203.0.113.1");
        assertTrue(states.hasCoordinates(wa), "a subdivision without coordinates takes the built-in centre");
        assertEquals(47.4, states.latitude(wa), 0.01);
    }

    @Test
    void theFirstLoadLeavesACompiledCopyThatLaterLoadsReadAndADamagedCopyIsRebuilt() throws Exception {
        Path source = DataDirs.fresh("tor");
        Path geoip = source.resolve("geoip");
        String good = Files.readString(Path.of(GeoDatabaseTest.class.getResource("/geo/geoip").toURI()));
        Files.writeString(geoip, good);
        java.nio.file.attribute.FileTime stamp = Files.getLastModifiedTime(geoip);
        Path cache = DataDirs.fresh("geo-cache");
        GeoDatabase.load(source, cache);
        Path copy;
        try (var files = Files.list(cache)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size());
            copy = all.get(0);
        }
        // Same size and time, unparseable text: only the compiled copy can answer now.
        Files.writeString(geoip, "x".repeat(good.length()));
        Files.setLastModifiedTime(geoip, stamp);
        GeoDatabase cached = GeoDatabase.load(source, cache);
        assertEquals(Places.get().country("FR"), cached.country(locate(cached, "198.51.100.1")));
        // A damaged copy is dropped and rebuilt from the source.
        Files.writeString(geoip, good);
        Files.setLastModifiedTime(geoip, stamp);
        Files.write(copy, new byte[] {1, 2, 3});
        GeoDatabase rebuilt = GeoDatabase.load(source, cache);
        assertEquals(Places.get().country("FR"), rebuilt.country(locate(rebuilt, "198.51.100.1")));
        assertTrue(Files.size(copy) > 100, "the copy was written again");
    }
}
