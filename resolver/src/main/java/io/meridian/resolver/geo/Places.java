package io.meridian.resolver.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in tables: every country (ISO 3166-1 alpha-2) with its continent and rough centre, and
 * every AWS region's coordinates. A location is a small int: an index into the country table, so
 * the query path works with arrays only. Two extra "countries" stand for the continent-only codes
 * some geo data uses (EU, AP).
 */
public final class Places {
    public static final List<String> CONTINENTS = List.of("AF", "AN", "AS", "EU", "NA", "OC", "SA");

    private static final Places INSTANCE = new Places();

    private final String[] codes;
    private final int[] continent;
    private final double[] lat;
    private final double[] lon;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, double[]> regions = new java.util.LinkedHashMap<>();
    /** "US-CA" -> centre, for geo data that names a subdivision without coordinates. */
    private final Map<String, double[]> subdivisions = new HashMap<>();

    private Places() {
        List<String[]> rows = read("countries.tsv");
        rows.add(new String[] {"EU", "EU", "50.0", "10.0"});
        rows.add(new String[] {"AP", "AS", "15.0", "105.0"});
        codes = new String[rows.size()];
        continent = new int[rows.size()];
        lat = new double[rows.size()];
        lon = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            codes[i] = r[0];
            continent[i] = CONTINENTS.indexOf(r[1]);
            lat[i] = Double.parseDouble(r[2]);
            lon[i] = Double.parseDouble(r[3]);
            index.put(r[0], i);
        }
        // Retired codes some databases still carry.
        index.put("UK", index.get("GB"));
        index.put("CS", index.get("RS"));
        index.put("AN", index.get("CW"));
        for (String[] r : read("subdivisions.tsv")) {
            subdivisions.put(r[0] + "-" + r[1], new double[] {Double.parseDouble(r[2]), Double.parseDouble(r[3])});
        }
        for (String[] r : read("aws-regions.tsv")) {
            regions.put(r[0], new double[] {Double.parseDouble(r[1]), Double.parseDouble(r[2])});
        }
    }

    public static Places get() {
        return INSTANCE;
    }

    private static List<String[]> read(String resource) {
        List<String[]> rows = new java.util.ArrayList<>();
        try (InputStream in = Places.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in table " + resource + " is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    public int size() {
        return codes.length;
    }

    /** The location of a country code, or -1. */
    public int country(String code) {
        Integer i = index.get(code);
        return i == null ? -1 : i;
    }

    public String code(int location) {
        return codes[location];
    }

    /** Index into {@link #CONTINENTS}. */
    public int continent(int location) {
        return continent[location];
    }

    public double latitude(int location) {
        return lat[location];
    }

    public double longitude(int location) {
        return lon[location];
    }

    /** The centre of a country's subdivision (e.g. US, CA), or null when the table has none. */
    public double[] subdivision(int location, String code) {
        return code == null ? null : subdivisions.get(codes[location] + "-" + code);
    }

    /** Every AWS region in the table, in a fixed order (region indexes refer to it). */
    public List<String> regions() {
        return List.copyOf(regions.keySet());
    }

    /** The index of a region in {@link #regions()}, or -1. */
    public int regionIndex(String name) {
        return regions().indexOf(name);
    }

    /** An AWS region's latitude and longitude, or null for a region not in the table. */
    public double[] region(String name) {
        return regions.get(name);
    }

    /** Great-circle distance in km (haversine). */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * 6371.0 * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
