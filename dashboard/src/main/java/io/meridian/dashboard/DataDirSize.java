package io.meridian.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** How much a data directory holds, as {@code meridian status} prints it. */
final class DataDirSize {
    private DataDirSize() {
    }

    /**
     * The files under {@code dir} added up, as "12.3 MB". Chronicle Map files are sparse, so this
     * is what they may grow to use rather than what they use now (du shows that).
     */
    static String megabytes(Path dir) throws IOException {
        long bytes;
        try (Stream<Path> files = Files.walk(dir)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException gone) {
                    return 0; // a query-log file rolled away while we looked
                }
            }).sum();
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
