package io.meridian.resolver.zone;

import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a zone in BIND master format: $ORIGIN, the SOA first, then records in canonical order.
 * Routed record sets (policies, aliases, health checks) have no zone-file form; each follows as a
 * comment line, so the export shows everything the zone holds and still loads anywhere.
 */
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
        for (RecordSet s : zone.routed()) {
            out.append("; routed record set (managed through the API): ").append(s.name()).append(' ')
                    .append(s.ttl() == RecordSet.NO_TTL ? "" : s.ttl() + " ").append(Type.string(s.type()));
            if (s.setIdentifier() != null) {
                out.append(" SetIdentifier=").append(s.setIdentifier()).append(' ').append(s.routing());
            }
            if (s.alias() != null) {
                out.append(" alias=").append(s.alias().dnsName()).append(" in ").append(s.alias().hostedZoneId())
                        .append(s.alias().evaluateTargetHealth() ? " evaluating target health" : "");
            }
            if (s.healthCheckId() != null) {
                out.append(" HealthCheckId=").append(s.healthCheckId());
            }
            s.records().forEach(r -> out.append(" | ").append(r.rdataToString()));
            out.append('\n');
        }
        return out.toString();
    }
}
