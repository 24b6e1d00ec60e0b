package io.meridian.resolver.querylog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The query log on disk: lines go to {@code queries.log}, which is rolled to
 * {@code queries-YYYYMMDDTHHMMSSmmmZ.log} (when it was rolled) once it reaches the size or age
 * limit; rolled files beyond the retention count or age are deleted. Plain text, one
 * {@link LoggedQuery#line} per line, so tail, grep and log shippers read it as it is.
 */
public final class QueryLogFiles implements AutoCloseable {
    static final String ACTIVE = "queries.log";
    private static final String ROLLED_PREFIX = "queries-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final QueryLogSettings settings;
    private final Clock clock;
    private BufferedWriter out;
    private long size;
    private Instant opened;

    public QueryLogFiles(Path dir, QueryLogSettings settings, Clock clock) throws IOException {
        this.dir = dir;
        this.settings = settings;
        this.clock = clock;
        Files.createDirectories(dir);
        prune();
    }

    /** Appends the lines and flushes them, rolling first when the current file is full or old. */
    public synchronized void write(List<LoggedQuery> lines) throws IOException {
        if (out != null && (size >= settings.maxFileBytes() || !clock.instant().isBefore(opened.plus(settings.maxFileAge())))) {
            roll();
        }
        if (out == null) {
            Path active = dir.resolve(ACTIVE);
            out = Files.newBufferedWriter(active, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            size = Files.size(active);
            opened = clock.instant();
        }
        for (LoggedQuery q : lines) {
            String line = q.line();
            out.write(line);
            out.write('\n');
            size += line.length() + 1;
        }
        out.flush();
    }

    private void roll() throws IOException {
        out.close();
        out = null;
        Path rolled = dir.resolve(ROLLED_PREFIX + STAMP.format(clock.instant()) + ".log");
        Files.move(dir.resolve(ACTIVE), rolled);
        prune();
    }

    /** Deletes rolled files past the retention count (oldest first) or age. */
    private void prune() throws IOException {
        List<Path> rolled = rolled(dir);
        Instant oldest = clock.instant().minus(settings.retainAge());
        for (int i = 0; i < rolled.size(); i++) {
            Path p = rolled.get(i);
            if (i < rolled.size() - settings.retainFiles() || Files.getLastModifiedTime(p).toInstant().isBefore(oldest)) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Every query-log file in the directory, oldest first: the rolled ones by name, then the active one. */
    public static List<Path> files(Path dir) throws IOException {
        List<Path> all = new ArrayList<>(rolled(dir));
        if (Files.exists(dir.resolve(ACTIVE))) {
            all.add(dir.resolve(ACTIVE));
        }
        return all;
    }

    /** The file lines are written to now (it may not exist yet). */
    public static Path active(Path dir) {
        return dir.resolve(ACTIVE);
    }

    private static List<Path> rolled(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(ROLLED_PREFIX) && n.endsWith(".log");
            }).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
