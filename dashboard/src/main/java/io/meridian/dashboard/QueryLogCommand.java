package io.meridian.dashboard;

import io.meridian.resolver.config.ConfigException;
import io.meridian.resolver.config.MeridianConfig;
import io.meridian.resolver.querylog.LoggedQuery;
import io.meridian.resolver.querylog.QueryLogFiles;
import io.meridian.resolver.querylog.QueryLogFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code meridian querylog tail|export}: reads the query-log files the server writes (no server
 * needed). {@code tail} prints the last lines (and with {@code --follow} new ones as they are
 * written, across rolls); {@code export} prints every line in a time range. Both take the
 * dashboard's filters.
 */
final class QueryLogCommand {
    private static final String USAGE = "usage: meridian querylog tail [--lines N] [--follow] | export [--since TIME] [--until TIME]"
            + " [--out FILE], with filters [--zone Z] [--name TEXT] [--type T] [--rcode R] [--client PREFIX]";

    private QueryLogCommand() {
    }

    static int run(CommandLine cl) throws Meridian.CommandFailed {
        if (cl.positional.size() != 1) {
            throw new ConfigException(USAGE);
        }
        String sub = cl.positional.get(0);
        QueryLogFilter filter;
        try {
            filter = new QueryLogFilter(cl.option("--zone"), cl.option("--name"), cl.option("--type"), cl.option("--rcode"),
                    cl.option("--client"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        String[] filters = {"--zone", "--name", "--type", "--rcode", "--client", "--config", "--data-dir"};
        switch (sub) {
            case "tail" -> cl.allowOnly("querylog tail", concat(filters, "--lines", "--follow"));
            case "export" -> cl.allowOnly("querylog export", concat(filters, "--since", "--until", "--out"));
            default -> throw new ConfigException("unknown querylog subcommand '" + sub + "'; use tail or export");
        }
        MeridianConfig config = cl.config();
        Path dir = config.queryLog().dir(config.dataDir());
        try {
            if (sub.equals("tail")) {
                int lines = number(cl.option("--lines"), 20);
                for (String line : last(dir, filter, lines)) {
                    System.out.println(line);
                }
                System.out.flush();
                if (cl.flag("--follow")) {
                    follow(dir, filter);
                }
                return 0;
            }
            Instant since = time(cl.option("--since"), Instant.MIN);
            Instant until = time(cl.option("--until"), Instant.MAX);
            String out = cl.option("--out");
            try (PrintStream print = out == null ? null : new PrintStream(Files.newOutputStream(Path.of(out)), false, StandardCharsets.UTF_8)) {
                PrintStream to = print == null ? System.out : print;
                long n = 0;
                for (Path f : QueryLogFiles.files(dir)) {
                    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                        for (String line; (line = r.readLine()) != null; ) {
                            LoggedQuery q = parse(line);
                            if (q != null && !q.time().isBefore(since) && q.time().isBefore(until) && filter.matches(q)) {
                                to.println(line);
                                n++;
                            }
                        }
                    }
                }
                to.flush();
                if (print != null) {
                    System.err.println("exported " + n + " lines to " + out);
                }
            }
            return 0;
        } catch (IOException e) {
            throw new Meridian.CommandFailed("cannot read the query log in " + dir + ": " + e.getMessage());
        }
    }

    /** The last {@code n} matching lines, oldest first, reading the newest files first and stopping once it has enough. */
    private static List<String> last(Path dir, QueryLogFilter filter, int n) throws IOException {
        List<Path> files = QueryLogFiles.files(dir);
        Deque<String> found = new ArrayDeque<>();
        for (int i = files.size() - 1; i >= 0 && found.size() < n; i--) {
            Deque<String> inFile = new ArrayDeque<>();
            try (BufferedReader r = Files.newBufferedReader(files.get(i), StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                    LoggedQuery q = parse(line);
                    if (q != null && filter.matches(q)) {
                        inFile.addLast(line);
                        if (inFile.size() > n - found.size()) {
                            inFile.removeFirst();
                        }
                    }
                }
            }
            while (!inFile.isEmpty()) {
                found.addFirst(inFile.removeLast());
            }
        }
        return new ArrayList<>(found);
    }

    /** Prints lines as they are appended to the active file, starting over when the server rolls it; until interrupted. */
    private static void follow(Path dir, QueryLogFilter filter) throws IOException {
        Path active = QueryLogFiles.active(dir);
        long position = Files.exists(active) ? Files.size(active) : 0;
        StringBuilder partial = new StringBuilder();
        while (true) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            if (!Files.exists(active)) {
                continue;
            }
            long size = Files.size(active);
            if (size < position) {
                position = 0;
                partial.setLength(0);
            }
            if (size == position) {
                continue;
            }
            try (RandomAccessFile f = new RandomAccessFile(active.toFile(), "r")) {
                f.seek(position);
                byte[] bytes = new byte[(int) Math.min(size - position, 1 << 20)];
                f.readFully(bytes);
                position += bytes.length;
                partial.append(new String(bytes, StandardCharsets.UTF_8));
            }
            for (int nl; (nl = partial.indexOf("\n")) >= 0; ) {
                String line = partial.substring(0, nl);
                partial.delete(0, nl + 1);
                LoggedQuery q = parse(line);
                if (q != null && filter.matches(q)) {
                    System.out.println(line);
                }
            }
            System.out.flush();
        }
    }

    private static LoggedQuery parse(String line) {
        try {
            return LoggedQuery.parse(line);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int number(String text, int otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException("--lines takes a whole number, got '" + text + "'");
        }
    }

    private static Instant time(String text, Instant otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ConfigException("'" + text + "' is not a time like 2026-11-23T10:00:00Z");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
