package io.meridian.resolver.zone;

import org.xbill.DNS.Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

import java.util.List;

/**
 * A complete, validated zone: its plain records (what a zone file holds, imported, stored and
 * exported) and its routed record sets (policies, aliases, health checks: see {@link RecordSet}).
 * Exactly one SOA, at the origin, and every record at or below the origin ({@link ZoneValidator}
 * checks this).
 */
public record ZoneContent(Name origin, List<Record> records, List<RecordSet> routed) {
    public ZoneContent {
        routed = List.copyOf(routed);
    }

    public ZoneContent(Name origin, List<Record> records) {
        this(origin, records, List.of());
    }

    /**
     * Record sets in Route 53's sense: distinct (name, type) pairs of plain records, plus every
     * routed set; {@code grouped} is {@link #records} as {@link RecordsByOwner#of} groups them.
     */
    public int rrsetCount(List<RecordsByOwner.Owner> grouped) {
        return RecordsByOwner.rrsetCount(grouped) + routed.size();
    }

    public SOARecord soa() {
        return (SOARecord) records.stream().filter(r -> r instanceof SOARecord).findFirst()
                .orElseThrow(() -> new IllegalStateException("zone " + origin + " has no SOA"));
    }
}
