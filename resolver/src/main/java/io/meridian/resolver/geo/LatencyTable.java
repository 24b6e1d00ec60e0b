package io.meridian.resolver.geo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measured latency from client networks to AWS regions, for latency routing: lines
 * "CLIENT_PREFIX,REGION,MILLISECONDS" (e.g. {@code 198.51.100.0/24,eu-west-1,23.5}). A client takes
 * the row of its longest matching prefix; a region it has no figure for is unknown (NaN), and
 * latency routing then falls back to distance. Lookups allocate nothing.
 */
public final class LatencyTable {
    public static final LatencyTable EMPTY = new LatencyTable(new PrefixTable.Builder().build(), new double[0][], "none");

    private final PrefixTable prefixes;
    private final double[][] milliseconds;
    private final String source;

    private LatencyTable(PrefixTable prefixes, double[][] milliseconds, String source) {
        this.prefixes = prefixes;
        this.milliseconds = milliseconds;
        this.source = source;
    }

    public static LatencyTable load(Path file) throws IOException {
        List<String> regions = Places.get().regions();
        Map<String, double[]> rows = new LinkedHashMap<>();
        CsvRows.read(file, f -> {
            int region = f.length == 3 ? regions.indexOf(f[1]) : -1;
            if (region < 0) {
                throw new IOException("expected PREFIX,AWS_REGION,MILLISECONDS with a known region");
            }
            double ms;
            try {
                ms = Double.parseDouble(f[2]);
            } catch (NumberFormatException e) {
                throw new IOException("'" + f[2] + "' is not a number of milliseconds");
            }
            double[] row = rows.computeIfAbsent(f[0], k -> {
                double[] fresh = new double[regions.size()];
                Arrays.fill(fresh, Double.NaN);
                return fresh;
            });
            row[region] = ms;
        });
        PrefixTable.Builder prefixes = new PrefixTable.Builder();
        double[][] table = new double[rows.size()][];
        int i = 0;
        for (Map.Entry<String, double[]> e : rows.entrySet()) {
            try {
                prefixes.add(e.getKey(), i);
            } catch (IllegalArgumentException bad) {
                throw new IOException(file + ": '" + e.getKey() + "' is not a CIDR prefix");
            }
            table[i++] = e.getValue();
        }
        return new LatencyTable(prefixes.build(), table, file + " (" + rows.size() + " client prefixes)");
    }

    public String describe() {
        return source;
    }

    /** The row of the client's longest matching prefix, or -1. */
    public int row(byte[] address, int length, int bits) {
        return prefixes.match(address, length, bits);
    }

    /** Milliseconds from a row's clients to a region (index into {@link Places#regions()}), NaN when not measured. */
    public double milliseconds(int row, int region) {
        return region < 0 || region >= milliseconds[row].length ? Double.NaN : milliseconds[row][region];
    }
}
