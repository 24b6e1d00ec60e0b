package io.meridian.resolver.zone;

import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Reads a big zone file as two halves on two threads: dnsjava parses about 300k records a second
 * on one core, most of a million-name import. Only files whose parser state at a line is known
 * without reading what comes before it are split: a header of comments, $ORIGIN and a $TTL, then
 * records and comments only (no directive later). Every record then takes its origin and default
 * TTL from the header, so the second half parses the same with the header put in front of it.
 * It starts at a line with an owner of its own, outside parentheses, so no record is cut and none
 * inherits the owner of a record in the first half. Whatever else, or any error, is left to the
 * caller's one-thread parse, which also gives the error its exact line.
 */
final class ZoneFileHalves {
    /** Smaller files are read on one thread: a second one would not pay for the scan. */
    static final int MIN_BYTES = 4 << 20;
    /** Bigger files are read on one thread, as a stream: the halves need the whole text in one array. */
    static final long MAX_BYTES = 1L << 30;

    private ZoneFileHalves() {
    }

    /**
     * The records of {@code text} in file order, or null when it is not split or a half does not
     * parse. The caller picks the files worth it ({@link #MIN_BYTES} to {@link #MAX_BYTES}).
     */
    static List<Record> read(byte[] text, Name origin) {
        int header = headerEnd(text);
        if (header < 0) {
            return null;
        }
        int split = splitPoint(text, header);
        if (split < 0) {
            return null;
        }
        // A FutureTask keeps whatever ends the second half, an Error too: it never ends short unnoticed.
        FutureTask<List<Record>> second = new FutureTask<>(() -> readHalf(new SequenceInputStream(
                new ByteArrayInputStream(text, 0, header), new ByteArrayInputStream(text, split, text.length - split)), origin));
        Thread reader = new Thread(second, "zone-file-second-half");
        reader.setDaemon(true);
        reader.start();
        List<Record> records;
        try {
            records = readHalf(new ByteArrayInputStream(text, 0, split), origin);
        } catch (IOException | RuntimeException e) {
            records = null;
        }
        List<Record> rest;
        try {
            rest = second.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (records == null) {
            return null;
        }
        records.addAll(rest);
        return records;
    }

    private static List<Record> readHalf(InputStream in, Name origin) throws IOException {
        try (Master master = new Master(in, origin)) {
            return ZoneFileParser.readAll(master);
        }
    }

    /**
     * Where the first record's line starts, if everything before it is blank lines, comments,
     * $ORIGIN and at least one $TTL, and no line after it starts with '$'; else -1.
     */
    static int headerEnd(byte[] text) {
        int p = 0;
        boolean ttl = false;
        while (p < text.length) {
            int end = lineEnd(text, p);
            int first = skipBlanks(text, p, end);
            if (first < end && text[first] != ';') {
                if (first != p) {
                    return -1; // a line that starts with blanks before any record: an owner carried over
                }
                if (text[p] != '$') {
                    break;
                }
                if (startsWithWord(text, p, end, "$TTL")) {
                    ttl = true;
                } else if (!startsWithWord(text, p, end, "$ORIGIN")) {
                    return -1;
                }
            }
            p = end + 1;
        }
        if (!ttl || p >= text.length) {
            return -1;
        }
        for (int q = p; q < text.length - 1; q++) {
            if (text[q] == '\n' && text[q + 1] == '$') {
                return -1;
            }
        }
        return p;
    }

    /**
     * The start of the first line at or after the middle of {@code text} that begins with an owner
     * name outside parentheses; -1 if none. Quotes and comments are followed from {@code from} on
     * so that parentheses inside them do not count.
     */
    static int splitPoint(byte[] text, int from) {
        int middle = from + (text.length - from) / 2;
        int depth = 0;
        boolean quoted = false;
        for (int p = from; p < text.length; p++) {
            byte b = text[p];
            if (quoted) {
                if (b == '\\') {
                    p++;
                } else if (b == '"') {
                    quoted = false;
                }
                continue;
            }
            switch (b) {
                case '\\' -> p++;
                case '"' -> quoted = true;
                case ';' -> p = lineEnd(text, p) - 1;
                case '(' -> depth++;
                case ')' -> depth--;
                case '\n' -> {
                    int next = p + 1;
                    if (next >= middle && depth == 0 && next < text.length && startsOwner(text[next])) {
                        return next;
                    }
                }
                default -> {
                }
            }
        }
        return -1;
    }

    private static boolean startsOwner(byte b) {
        return b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != ';' && b != '$' && b != '(' && b != ')';
    }

    private static int lineEnd(byte[] text, int p) {
        while (p < text.length && text[p] != '\n') {
            p++;
        }
        return p;
    }

    private static int skipBlanks(byte[] text, int p, int end) {
        while (p < end && (text[p] == ' ' || text[p] == '\t' || text[p] == '\r')) {
            p++;
        }
        return p;
    }

    private static boolean startsWithWord(byte[] text, int p, int end, String word) {
        if (end - p < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toUpperCase(text[p + i]) != word.charAt(i)) {
                return false;
            }
        }
        return end - p == word.length() || text[p + word.length()] == ' ' || text[p + word.length()] == '\t';
    }
}
