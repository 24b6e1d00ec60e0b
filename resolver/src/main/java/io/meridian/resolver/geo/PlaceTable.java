package io.meridian.resolver.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The places a geo database's ranges point at: a country ({@link Places} index) and, from City
 * databases, a subdivision code and coordinates. Country-only data (Tor's, Country MMDBs) uses
 * the countries themselves as places.
 */
final class PlaceTable {
    private final int[] country;
    private final String[] subdivision;
    private final double[] latitude;
    private final double[] longitude;

    private PlaceTable(int[] country, String[] subdivision, double[] latitude, double[] longitude) {
        this.country = country;
        this.subdivision = subdivision;
        this.latitude = latitude;
        this.longitude = longitude;
    }

    /** One place per country, without subdivisions or coordinates of its own. */
    static PlaceTable countries() {
        int n = Places.get().size();
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = i;
        }
        double[] none = new double[n];
        Arrays.fill(none, Double.NaN);
        return new PlaceTable(c, new String[n], none, none);
    }

    static final class Builder {
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<Object[]> rows = new ArrayList<>();

        int place(int country, String subdivision, double lat, double lon) {
            String key = country + "|" + subdivision + "|" + lat + "|" + lon;
            return ids.computeIfAbsent(key, k -> {
                rows.add(new Object[] {country, subdivision == null ? null : subdivision.intern(), lat, lon});
                return rows.size() - 1;
            });
        }

        PlaceTable build() {
            int n = rows.size();
            Places places = Places.get();
            int[] c = new int[n];
            String[] s = new String[n];
            double[] lat = new double[n];
            double[] lon = new double[n];
            for (int i = 0; i < n; i++) {
                Object[] r = rows.get(i);
                c[i] = (Integer) r[0];
                s[i] = (String) r[1];
                lat[i] = (Double) r[2];
                lon[i] = (Double) r[3];
                // A subdivision without coordinates of its own sits at the subdivision's centre.
                double[] centre = Double.isNaN(lat[i]) ? places.subdivision(c[i], s[i]) : null;
                if (centre != null) {
                    lat[i] = centre[0];
                    lon[i] = centre[1];
                }
            }
            return new PlaceTable(c, s, lat, lon);
        }
    }

    void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        GeoDatabase.writeInts(out, country);
        for (int i = 0; i < country.length; i++) {
            out.writeBoolean(subdivision[i] != null);
            if (subdivision[i] != null) {
                out.writeUTF(subdivision[i]);
            }
            out.writeDouble(latitude[i]);
            out.writeDouble(longitude[i]);
        }
    }

    static PlaceTable readFrom(java.io.DataInputStream in) throws java.io.IOException {
        int[] c = GeoDatabase.readInts(in);
        String[] s = new String[c.length];
        double[] lat = new double[c.length];
        double[] lon = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            s[i] = in.readBoolean() ? in.readUTF().intern() : null;
            lat[i] = in.readDouble();
            lon[i] = in.readDouble();
            if (c[i] < 0 || c[i] >= Places.get().size()) {
                throw new java.io.IOException("damaged place table");
            }
        }
        return new PlaceTable(c, s, lat, lon);
    }

    int country(int place) {
        return country[place];
    }

    String subdivision(int place) {
        return subdivision[place];
    }

    boolean hasCoordinates(int place) {
        return !Double.isNaN(latitude[place]);
    }

    double latitude(int place) {
        return hasCoordinates(place) ? latitude[place] : Places.get().latitude(country[place]);
    }

    double longitude(int place) {
        return hasCoordinates(place) ? longitude[place] : Places.get().longitude(country[place]);
    }
}
