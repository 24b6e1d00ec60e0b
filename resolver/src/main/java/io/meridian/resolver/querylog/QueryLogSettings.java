package io.meridian.resolver.querylog;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how long query-log files are kept (config key {@code queryLog}).
 *
 * @param files        whether to write files at all (the dashboard's live log works either way)
 * @param dir          the directory, or null for DATA_DIR/querylog
 * @param maxFileBytes a file is rolled once it reaches this size ...
 * @param maxFileAge   ... or this age
 * @param retainFiles  rolled files kept, newest first ...
 * @param retainAge    ... and none older than this
 */
public record QueryLogSettings(boolean files, Path dir, long maxFileBytes, Duration maxFileAge, int retainFiles, Duration retainAge) {
    public static final QueryLogSettings DEFAULTS = new QueryLogSettings(true, null, 64L << 20, Duration.ofHours(1), 168,
            Duration.ofDays(7));

    public QueryLogSettings {
        if (maxFileBytes < 4096) {
            throw new IllegalArgumentException("queryLog.maxFileMegabytes must be positive");
        }
        if (maxFileAge.isNegative() || maxFileAge.isZero() || retainAge.isNegative() || retainAge.isZero()) {
            throw new IllegalArgumentException("queryLog.maxFileMinutes and queryLog.retainDays must be positive");
        }
        if (retainFiles < 1) {
            throw new IllegalArgumentException("queryLog.retainFiles must be at least 1");
        }
    }

    /** The directory files go to for this data directory. */
    public Path dir(Path dataDir) {
        return dir != null ? dir : dataDir.resolve("querylog");
    }
}
