package io.meridian.resolver.zone;

import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Writes a zone in BIND master format: $ORIGIN, the SOA first, then records in canonical order. */
public final class ZoneExporter {
    private ZoneExporter() {
    }

    public static String export(ZoneContent zone) {
        StringBuilder out = new StringBuilder();
        out.append("$ORIGIN ").append(zone.origin()).append('\n');
        List<Record> records = new ArrayList<>(zone.records());
        records.sort(Comparator.comparing((Record r) -> r.getType() != Type.SOA)
                .thenComparing(Record::getName)
                .thenComparingInt(Record::getType));
        for (Record r : records) {
            out.append(r).append('\n');
        }
        return out.toString();
    }
}
