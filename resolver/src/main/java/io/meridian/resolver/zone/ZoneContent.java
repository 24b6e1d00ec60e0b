package io.meridian.resolver.zone;

import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

import java.util.List;

/**
 * A complete, validated zone as records: what is imported, stored and exported. Exactly one SOA,
 * at the origin, and every record at or below the origin ({@link ZoneValidator} checks this).
 */
public record ZoneContent(Name origin, List<Record> records) {
    /** Record sets in Route 53's sense: distinct (name, type) pairs. */
    public int rrsetCount() {
        return (int) records.stream().map(r -> r.getName().toString().toLowerCase(java.util.Locale.ROOT) + "/" + r.getType())
                .distinct().count();
    }

    public SOARecord soa() {
        return (SOARecord) records.stream().filter(r -> r instanceof SOARecord).findFirst()
                .orElseThrow(() -> new IllegalStateException("zone " + origin + " has no SOA"));
    }
}
