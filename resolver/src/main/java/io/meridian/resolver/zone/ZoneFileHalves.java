package io.meridian.resolver.zone;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TTL;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        long ttl = defaultTtl(text, header);
        if (split < 0 || ttl < 0) {
            return null;
        }
        // A FutureTask keeps whatever ends the second half, an Error too: it never ends short unnoticed.
        FutureTask<List<Record>> second = new FutureTask<>(() -> readHalf(text, header, split, text.length, ttl, origin));
        Thread reader = new Thread(second, "zone-file-second-half");
        reader.setDaemon(true);
        reader.start();
        List<Record> records;
        try {
            records = readHalf(text, header, header, split, ttl, origin);
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
        if (records == null || rest == null) {
            return null;
        }
        records.addAll(rest);
        return records;
    }

    /** The records of the lines from {@code from} to {@code to}, read after the header; null if a line is not understood. */
    private static List<Record> readHalf(byte[] text, int header, int from, int to, long ttl, Name origin) throws IOException {
        Lines body = withTtls(text, from, to, ttl);
        if (body == null) {
            return null;
        }
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(text, 0, header),
                new ByteArrayInputStream(body.bytes, 0, body.length));
        try (Master master = new Master(in, origin)) {
            return ZoneFileParser.readAll(master);
        }
    }

    /**
     * The TTL the header's last $TTL sets (dnsjava's default for records without one), or -1 if it
     * does not read as one.
     */
    static long defaultTtl(byte[] text, int header) {
        long ttl = -1;
        for (int p = 0, end; p < header; p = end + 1) {
            end = lineEnd(text, p);
            if (startsWithWord(text, p, end, "$TTL")) {
                int from = skipBlanks(text, p + 4, end);
                int to = wordEnd(text, from, end);
                if (to < 0) {
                    return -1; // quotes or parentheses: no TTL dnsjava would read
                }
                try {
                    ttl = TTL.parseTTL(new String(text, from, to - from, StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return ttl;
    }

    /**
     * The lines from {@code from} to {@code to} with the default TTL written into every record that
     * has none, or null if a record's first fields are not plain words. dnsjava reads a record's
     * TTL by trying to parse the word after the owner (and class) as one: a record without it costs
     * a thrown exception with its stack trace, about a third of the parse of a zone written that
     * way (most are). With the TTL written out, the record reads as it would have: dnsjava gives a
     * record without a TTL the header's $TTL, as no directive follows it here.
     */
    static Lines withTtls(byte[] text, int from, int to, long ttl) {
        byte[] digits = (ttl + " ").getBytes(StandardCharsets.US_ASCII);
        // Room for the TTL in a record every 16 bytes: enough for most zones without growing.
        byte[] out = new byte[to - from + (to - from) / 16 * digits.length + digits.length];
        int length = 0;
        int copied = from;
        Scanner scanner = new Scanner();
        for (int p = from; p < to; p = scanner.step(text, p)) {
            if ((p == from || text[p - 1] == '\n') && scanner.atRecordLevel()) {
                int at = ttlPosition(text, p, to);
                if (at == NOT_UNDERSTOOD) {
                    return null;
                }
                if (at >= 0) {
                    int need = length + (at - copied) + digits.length + (to - at);
                    if (need > out.length) {
                        out = Arrays.copyOf(out, Math.max(need, out.length + out.length / 2));
                    }
                    System.arraycopy(text, copied, out, length, at - copied);
                    length += at - copied;
                    System.arraycopy(digits, 0, out, length, digits.length);
                    length += digits.length;
                    copied = at;
                }
            }
        }
        System.arraycopy(text, copied, out, length, to - copied);
        return new Lines(out, length + to - copied);
    }

    /** Text in the first {@code length} bytes of {@code bytes}. */
    record Lines(byte[] bytes, int length) {
        String text() {
            return new String(bytes, 0, length, StandardCharsets.US_ASCII);
        }
    }

    private static final int NOT_UNDERSTOOD = -2;

    /**
     * Where a TTL goes in the record that starts at {@code line} (before its type, after its owner
     * and class if it has them); -1 if it has one or the line holds no record; {@link #NOT_UNDERSTOOD}
     * if its first fields hold quotes, parentheses or end early, which the one-thread read is left to judge.
     */
    private static int ttlPosition(byte[] text, int line, int to) {
        int p = line;
        if (p < to && !isBlank(text[p])) {
            p = wordEnd(text, p, to);
            if (p < 0) {
                return NOT_UNDERSTOOD;
            }
        }
        p = skipBlanks(text, p, to);
        if (p == to || text[p] == '\n' || text[p] == ';') {
            return skipBlanks(text, line, p) == p ? -1 : NOT_UNDERSTOOD; // blank, a comment, or an owner alone
        }
        int wordEnd = wordEnd(text, p, to);
        if (wordEnd <= p) {
            return NOT_UNDERSTOOD;
        }
        if (!Character.isDigit(text[p]) && isClass(text, p, wordEnd)) {
            p = skipBlanks(text, wordEnd, to);
            if (wordEnd(text, p, to) <= p) {
                return NOT_UNDERSTOOD;
            }
        }
        return Character.isDigit(text[p]) ? -1 : p;
    }

    /** Whether the word is a class as dnsjava reads one (IN, the most common, without making a string). */
    private static boolean isClass(byte[] text, int from, int to) {
        if (to - from == 2 && (text[from] | 0x20) == 'i' && (text[from + 1] | 0x20) == 'n') {
            return true;
        }
        return DClass.value(new String(text, from, to - from, StandardCharsets.US_ASCII)) >= 0;
    }

    /**
     * The end of the plain word at {@code p} (escapes followed, up to a blank, comment or line end);
     * -1 if a quote, parenthesis or escaped line end is part of it.
     */
    private static int wordEnd(byte[] text, int p, int end) {
        while (p < end && !isBlank(text[p]) && text[p] != ';' && text[p] != '\n') {
            byte b = text[p];
            if (b == '"' || b == '(' || b == ')' || (b == '\\' && p + 1 < end && text[p + 1] == '\n')) {
                return -1;
            }
            p += b == '\\' ? 2 : 1;
        }
        return Math.min(p, end);
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
        Scanner scanner = new Scanner();
        for (int p = from; p < text.length; p = scanner.step(text, p)) {
            int next = p + 1;
            if (text[p] == '\n' && scanner.atRecordLevel() && next >= middle && next < text.length && startsOwner(text[next])) {
                return next;
            }
        }
        return -1;
    }

    /**
     * Follows a zone file's quotes, escapes, comments and parentheses byte by byte, so that a line
     * that starts inside a record (in parentheses or a quoted string) is told from one that starts
     * a record.
     */
    private static final class Scanner {
        private int depth;
        private boolean quoted;

        /** Steps over the byte at {@code p} and whatever it escapes or comments out: where to look next. */
        int step(byte[] text, int p) {
            byte b = text[p];
            if (quoted) {
                if (b == '\\') {
                    return p + 2;
                }
                quoted = b != '"';
                return p + 1;
            }
            switch (b) {
                case '\\' -> {
                    return p + 2;
                }
                case ';' -> {
                    return lineEnd(text, p);
                }
                case '"' -> quoted = true;
                case '(' -> depth++;
                case ')' -> depth--;
                default -> {
                }
            }
            return p + 1;
        }

        boolean atRecordLevel() {
            return depth == 0 && !quoted;
        }
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
        while (p < end && isBlank(text[p])) {
            p++;
        }
        return p;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
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
