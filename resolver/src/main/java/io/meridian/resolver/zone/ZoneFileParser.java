package io.meridian.resolver.zone;

import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a BIND master file ($ORIGIN, $TTL, $INCLUDE, $GENERATE, RFC 3597 unknown types) with
 * dnsjava and validates it as a whole: any error rejects the file, naming the file and line.
 */
public final class ZoneFileParser {
    private ZoneFileParser() {
    }

    /**
     * @param origin the zone's name, or null to take it from the file's SOA
     */
    public static ZoneContent parse(Path file, Name origin) throws ZoneException {
        if (!Files.isReadable(file)) {
            throw new ZoneException(file + ": cannot read the zone file");
        }
        List<Record> records = new ArrayList<>();
        try (Master master = origin == null ? new Master(file.toString()) : new Master(file.toString(), origin)) {
            for (Record r; (r = master.nextRecord()) != null; ) {
                records.add(r);
            }
        } catch (TextParseException e) {
            throw new ZoneException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new ZoneException(file + ": " + e.getMessage(), e);
        }
        if (origin == null) {
            origin = records.stream().filter(r -> r.getType() == Type.SOA).map(Record::getName).findFirst()
                    .orElseThrow(() -> new ZoneException(file + ": no SOA record; give --origin or add the SOA"));
        }
        return ZoneValidator.validate(file.toString(), new ZoneContent(origin, records));
    }
}
