package io.meridian.resolver.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The comma-separated data files geo data comes in (Tor's geoip ranges, the latency table): blank
 * lines and # comments skipped, each row's fields trimmed, and a row's refusal reported with the
 * file and line it came from.
 */
final class CsvRows {
    private CsvRows() {
    }

    interface Row {
        /** One data row; throws (IOException, or NumberFormatException from a parse) to refuse the file. */
        void accept(String[] fields) throws IOException;
    }

    static void read(Path file, Row row) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",");
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = fields[i].trim();
                }
                try {
                    row.accept(fields);
                } catch (IOException | NumberFormatException e) {
                    throw new IOException(file + ":" + lineNo + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
