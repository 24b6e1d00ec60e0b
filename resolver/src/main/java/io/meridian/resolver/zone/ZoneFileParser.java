package io.meridian.resolver.zone;

import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a BIND master file ($ORIGIN, $TTL, $INCLUDE, $GENERATE, RFC 3597 unknown types) with
 * dnsjava and validates it as a whole: any error rejects the file, naming the file and line.
 */
public final class ZoneFileParser {
    private static final String STREAM = "<none>";

    private ZoneFileParser() {
    }

    /**
     * @param origin the zone's name, or null to take it from the file's SOA
     */
    public static ZoneContent parse(Path file, Name origin) throws ZoneException {
        if (!Files.isReadable(file)) {
            throw new ZoneException(file + ": cannot read the zone file");
        }
        try {
            long size = Files.size(file);
            if (size >= ZoneFileHalves.MIN_BYTES && size <= ZoneFileHalves.MAX_BYTES) {
                List<Record> records = ZoneFileHalves.read(Files.readAllBytes(file), origin);
                if (records != null) {
                    return validate(records, file.toString(), origin);
                }
            }
            try (Master master = origin == null ? new Master(file.toString()) : new Master(file.toString(), origin)) {
                return read(master, file.toString(), origin);
            }
        } catch (IOException e) {
            throw new ZoneException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A zone file's text sent over the network (the dashboard's upload). $INCLUDE is refused: it
     * would read files of the appliance's own disk on behalf of whoever sent the text.
     *
     * @param source what error messages call the text, e.g. the uploaded file's name
     * @param origin the zone's name, or null to take it from the text's SOA
     */
    public static ZoneContent parse(String text, String source, Name origin) throws ZoneException {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        try (Master master = origin == null ? new Master(in) : new Master(in, origin)) {
            master.disableIncludes(true);
            return read(master, source, origin);
        }
    }

    private static ZoneContent read(Master master, String source, Name origin) throws ZoneException {
        List<Record> records;
        try {
            records = readAll(master);
        } catch (TextParseException e) {
            // dnsjava names a file in its messages, and a stream "<none>": name the text as the caller calls it.
            String message = e.getMessage();
            throw new ZoneException(shortened(message.startsWith(STREAM) ? source + message.substring(STREAM.length()) : message), e);
        } catch (IOException | RuntimeException e) {
            throw new ZoneException(shortened(source + ": " + e.getMessage()), e);
        }
        return validate(records, source, origin);
    }

    static final int MESSAGE_CHARS = 300;

    /**
     * dnsjava quotes the word it could not read, however long: a line of megabytes (a binary file
     * imported by mistake) would make a message of megabytes for a terminal or an API error. Its
     * start (file, line, the word's beginning) and end (the reason) are kept.
     */
    static String shortened(String message) {
        if (message.length() <= MESSAGE_CHARS) {
            return message;
        }
        int tail = MESSAGE_CHARS / 3;
        int head = MESSAGE_CHARS - tail;
        return message.substring(0, head) + " ... (" + (message.length() - head - tail) + " characters left out) ... "
                + message.substring(message.length() - tail);
    }

    /** Every record {@code master} gives, in order (the one loop over dnsjava's reader). */
    static List<Record> readAll(Master master) throws IOException {
        List<Record> records = new ArrayList<>();
        for (Record r; (r = master.nextRecord()) != null; ) {
            records.add(r);
        }
        return records;
    }

    private static ZoneContent validate(List<Record> records, String source, Name origin) throws ZoneException {
        if (origin == null) {
            origin = records.stream().filter(r -> r.getType() == Type.SOA).map(Record::getName).findFirst()
                    .orElseThrow(() -> new ZoneException(source
                            + ": no SOA record; name the zone (zone import --origin, or the dashboard's zone name) or add its SOA"));
        }
        return ZoneValidator.validate(source, new ZoneContent(origin, records));
    }
}
