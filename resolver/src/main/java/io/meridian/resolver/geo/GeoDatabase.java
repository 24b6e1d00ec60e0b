package io.meridian.resolver.geo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * Address ranges to locations (see {@link Places}), compiled into sorted arrays searched by
 * binary search: the query path allocates nothing. Loaded from Tor's geoip files (the Debian
 * package {@code tor-geoipdb}: "start,end,CC" lines, IPv4 as integers, IPv6 as addresses) or
 * from an MMDB file (GeoLite2/GeoIP2 Country or City, DB-IP lite; read with MaxMind's reader,
 * country level for now).
 */
public final class GeoDatabase {
    public static final GeoDatabase EMPTY = new GeoDatabase(new long[0], new long[0], new int[0],
            new long[0], new long[0], new long[0], new long[0], new int[0], PlaceTable.countries(), "none");

    private final long[] v4Start;
    private final long[] v4End;
    private final int[] v4Location;
    private final long[] v6StartHi;
    private final long[] v6StartLo;
    private final long[] v6EndHi;
    private final long[] v6EndLo;
    private final int[] v6Location;
    /** What a range's value means: a place (a country, and from City databases a subdivision and coordinates). */
    private final PlaceTable places;
    private final String source;

    private GeoDatabase(long[] v4Start, long[] v4End, int[] v4Location, long[] v6StartHi, long[] v6StartLo,
                        long[] v6EndHi, long[] v6EndLo, int[] v6Location, PlaceTable places, String source) {
        this.places = places;
        this.v4Start = v4Start;
        this.v4End = v4End;
        this.v4Location = v4Location;
        this.v6StartHi = v6StartHi;
        this.v6StartLo = v6StartLo;
        this.v6EndHi = v6EndHi;
        this.v6EndLo = v6EndLo;
        this.v6Location = v6Location;
        this.source = source;
    }

    /** Where it was loaded from, and how many ranges, for logs and status. */
    public String describe() {
        return source + " (" + v4Start.length + " IPv4 and " + v6StartHi.length + " IPv6 ranges)";
    }

    /**
     * Loads a Tor geoip directory (files {@code geoip} and {@code geoip6}) or a single such file.
     * Lines for unknown countries ("??") and comments are skipped.
     */
    public static GeoDatabase loadTor(Path path) throws IOException {
        Path v4 = Files.isDirectory(path) ? path.resolve("geoip") : path;
        Path v6 = Files.isDirectory(path) ? path.resolve("geoip6") : null;
        Places places = Places.get();
        List<long[]> four = new ArrayList<>();
        List<long[]> six = new ArrayList<>();
        if (Files.exists(v4)) {
            read(v4, places, four, false);
        }
        if (v6 != null && Files.exists(v6)) {
            read(v6, places, six, true);
        }
        if (four.isEmpty() && six.isEmpty()) {
            throw new IOException(path + " holds no Tor geoip ranges (expected lines like 16777216,16777471,AU)");
        }
        return build(four, six, PlaceTable.countries(), path.toString());
    }

    private static GeoDatabase build(List<long[]> four, List<long[]> six, PlaceTable placeTable, String source) {
        four.sort((a, b) -> Long.compare(a[0], b[0]));
        six.sort((a, b) -> a[0] != b[0] ? Long.compareUnsigned(a[0], b[0]) : Long.compareUnsigned(a[1], b[1]));
        long[] s4 = new long[four.size()];
        long[] e4 = new long[four.size()];
        int[] l4 = new int[four.size()];
        for (int i = 0; i < four.size(); i++) {
            s4[i] = four.get(i)[0];
            e4[i] = four.get(i)[1];
            l4[i] = (int) four.get(i)[2];
        }
        long[] sh = new long[six.size()];
        long[] sl = new long[six.size()];
        long[] eh = new long[six.size()];
        long[] el = new long[six.size()];
        int[] l6 = new int[six.size()];
        for (int i = 0; i < six.size(); i++) {
            long[] r = six.get(i);
            sh[i] = r[0];
            sl[i] = r[1];
            eh[i] = r[2];
            el[i] = r[3];
            l6[i] = (int) r[4];
        }
        return new GeoDatabase(s4, e4, l4, sh, sl, eh, el, l6, placeTable, source);
    }

    private static final int CACHE_FORMAT = 1;

    /**
     * A geo database by path, through a compiled copy in {@code cacheDir}: the first start parses
     * the source and writes its range table there; later starts (and reloads of an unchanged
     * source) read the table back, which takes a fraction of parsing 660,000 lines of Tor text.
     * The copy is named after the source's path, size and modification time, so a changed source
     * is parsed again. {@code cacheDir} null: no copy.
     */
    public static GeoDatabase load(Path path, Path cacheDir) throws IOException {
        if (cacheDir == null) {
            return load(path);
        }
        Path cached = cacheDir.resolve("geo-" + fingerprint(path) + ".bin");
        if (Files.exists(cached)) {
            try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cached)))) {
                return readFrom(in, path.toString());
            } catch (IOException | RuntimeException damaged) {
                Files.deleteIfExists(cached);
            }
        }
        GeoDatabase db = load(path);
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, "geo", ".tmp");
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            db.writeTo(out);
        }
        Files.move(tmp, cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return db;
    }

    /** What identifies a version of a source: its path and the size and modification time of its files. */
    static String fingerprint(Path path) throws IOException {
        StringBuilder b = new StringBuilder(path.toAbsolutePath().toString());
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            files.add(path.resolve("geoip"));
            files.add(path.resolve("geoip6"));
        } else {
            files.add(path);
        }
        for (Path f : files) {
            if (Files.exists(f)) {
                b.append('|').append(Files.size(f)).append('|').append(Files.getLastModifiedTime(f).toMillis());
            }
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void writeTo(java.io.DataOutputStream out) throws IOException {
        out.writeInt(CACHE_FORMAT);
        writeLongs(out, v4Start);
        writeLongs(out, v4End);
        writeInts(out, v4Location);
        writeLongs(out, v6StartHi);
        writeLongs(out, v6StartLo);
        writeLongs(out, v6EndHi);
        writeLongs(out, v6EndLo);
        writeInts(out, v6Location);
        places.writeTo(out);
    }

    private static GeoDatabase readFrom(java.io.DataInputStream in, String source) throws IOException {
        if (in.readInt() != CACHE_FORMAT) {
            throw new IOException("another cache format");
        }
        return new GeoDatabase(readLongs(in), readLongs(in), readInts(in), readLongs(in), readLongs(in), readLongs(in),
                readLongs(in), readInts(in), PlaceTable.readFrom(in), source);
    }

    private static void writeLongs(java.io.DataOutputStream out, long[] a) throws IOException {
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    private static long[] readLongs(java.io.DataInputStream in) throws IOException {
        long[] a = new long[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    static void writeInts(java.io.DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    static int[] readInts(java.io.DataInputStream in) throws IOException {
        int[] a = new int[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    /** A geo database by path: an MMDB file (by its .mmdb name) or Tor's geoip format (a directory or a file). */
    public static GeoDatabase load(Path path) throws IOException {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".mmdb") ? loadMmdb(path) : loadTor(path);
    }

    /**
     * Every network of an MMDB file with a country (country.iso_code, else
     * registered_country.iso_code) becomes a range. IPv4 networks stored in an IPv6 tree
     * (::/96, ::ffff:0:0/96) become IPv4 ranges.
     */
    @SuppressWarnings("unchecked")
    public static GeoDatabase loadMmdb(Path file) throws IOException {
        Places places = Places.get();
        PlaceTable.Builder placeTable = new PlaceTable.Builder();
        List<long[]> four = new ArrayList<>();
        List<long[]> six = new ArrayList<>();
        try (com.maxmind.db.Reader reader = new com.maxmind.db.Reader(file.toFile())) {
            com.maxmind.db.Networks<java.util.Map> networks = reader.networks(false, java.util.Map.class);
            while (networks.hasNext()) {
                com.maxmind.db.DatabaseRecord<java.util.Map> r = networks.next();
                java.util.Map<String, Object> data = (java.util.Map<String, Object>) r.data();
                int country = places.country(countryCode(data));
                if (country < 0) {
                    continue;
                }
                int location = placeTable.place(country, subdivision(data), coordinate(data, "latitude"), coordinate(data, "longitude"));
                byte[] a = r.network().networkAddress().getAddress();
                int prefix = r.network().prefixLength();
                boolean mappedV4 = a.length == 16 && prefix >= 96 && isV4Subtree(a);
                if (a.length == 4 || mappedV4) {
                    byte[] v4 = a.length == 4 ? a : java.util.Arrays.copyOfRange(a, 12, 16);
                    int bits = a.length == 4 ? prefix : prefix - 96;
                    long start = word(v4, 0, 4);
                    long end = start | ((1L << (32 - bits)) - 1);
                    four.add(new long[] {start, end, location});
                } else {
                    long hi = word(a, 0, 8);
                    long lo = word(a, 8, 8);
                    long hostHi = prefix >= 64 ? 0 : prefix == 0 ? -1L : (-1L >>> prefix);
                    long hostLo = prefix >= 128 ? 0 : prefix <= 64 ? -1L : (-1L >>> (prefix - 64));
                    six.add(new long[] {hi, lo, hi | hostHi, lo | hostLo, location});
                }
            }
        } catch (com.maxmind.db.InvalidNetworkException | RuntimeException e) {
            throw new IOException(file + " is not a readable MMDB file: " + e.getMessage(), e);
        }
        if (four.isEmpty() && six.isEmpty()) {
            throw new IOException(file + " holds no network with a country");
        }
        return build(four, six, placeTable.build(), file.toString());
    }

    /** The first subdivision's ISO code (City databases), or null. */
    private static String subdivision(java.util.Map<String, Object> data) {
        if (data != null && data.get("subdivisions") instanceof List<?> list && !list.isEmpty()
                && list.get(0) instanceof java.util.Map<?, ?> m && m.get("iso_code") instanceof String code) {
            return code;
        }
        return null;
    }

    private static double coordinate(java.util.Map<String, Object> data, String which) {
        if (data != null && data.get("location") instanceof java.util.Map<?, ?> m && m.get(which) instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN;
    }

    private static boolean isV4Subtree(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] == 0 && a[11] == 0) || (a[10] == (byte) 0xFF && a[11] == (byte) 0xFF);
    }

    @SuppressWarnings("unchecked")
    private static String countryCode(java.util.Map<String, Object> data) {
        for (String key : List.of("country", "registered_country")) {
            Object c = data == null ? null : data.get(key);
            if (c instanceof java.util.Map<?, ?> m && m.get("iso_code") instanceof String code) {
                return code;
            }
        }
        return "";
    }

    private static void read(Path file, Places places, List<long[]> out, boolean v6) throws IOException {
        CsvRows.read(file, f -> {
            if (f.length != 3) {
                throw new IOException("expected start,end,CC");
            }
            int location = places.country(f[2]);
            if (location < 0) {
                return;
            }
            if (v6) {
                byte[] a = v6Address(f[0]);
                byte[] b = v6Address(f[1]);
                out.add(new long[] {word(a, 0, 8), word(a, 8, 8), word(b, 0, 8), word(b, 8, 8), location});
            } else {
                out.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), location});
            }
        });
    }

    private static byte[] v6Address(String text) throws IOException {
        InetAddress a = IpLiteral.parse(text);
        if (a == null) {
            throw new IOException("'" + text + "' is not an address");
        }
        return a.getAddress();
    }

    private static long word(byte[] a, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (a[off + i] & 0xFF);
        }
        return v;
    }

    /** The country (a {@link Places} index) of a place from {@link #locate}. */
    public int country(int place) {
        return places.country(place);
    }

    /** The subdivision code of a place (City databases), or null. */
    public String subdivision(int place) {
        return places.subdivision(place);
    }

    /** Whether the place has coordinates of its own (City databases); else its country's centre applies. */
    public boolean hasCoordinates(int place) {
        return places.hasCoordinates(place);
    }

    public double latitude(int place) {
        return places.latitude(place);
    }

    public double longitude(int place) {
        return places.longitude(place);
    }

    /** The place of an address (4 or 16 bytes), or -1 when no range holds it. */
    public int locate(byte[] address, int length) {
        if (length == 4) {
            long a = ((address[0] & 0xFFL) << 24) | ((address[1] & 0xFF) << 16) | ((address[2] & 0xFF) << 8) | (address[3] & 0xFF);
            int i = floor4(a);
            return i >= 0 && a <= v4End[i] ? v4Location[i] : -1;
        }
        if (length == 16) {
            long hi = word(address, 0, 8);
            long lo = word(address, 8, 8);
            int i = floor6(hi, lo);
            if (i >= 0 && (Long.compareUnsigned(hi, v6EndHi[i]) < 0
                    || hi == v6EndHi[i] && Long.compareUnsigned(lo, v6EndLo[i]) <= 0)) {
                return v6Location[i];
            }
        }
        return -1;
    }

    /** Index of the last range starting at or before {@code a}. */
    private int floor4(long a) {
        int i = Arrays.binarySearch(v4Start, a);
        return i >= 0 ? i : -i - 2;
    }

    private int floor6(long hi, long lo) {
        int low = 0;
        int high = v6StartHi.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = Long.compareUnsigned(v6StartHi[mid], hi);
            if (c == 0) {
                c = Long.compareUnsigned(v6StartLo[mid], lo);
            }
            if (c <= 0) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }
}
