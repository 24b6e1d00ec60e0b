package io.meridian.resolver.zone;

import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import java.util.ArrayList;
import java.util.List;

/**
 * A zone's plain records grouped by owner name, owners in the order they first appear: what both
 * compiling ({@link ZoneCompiler}) and storing a zone walk. A zone file lists an owner's records
 * together, so most records join the owner before them by one name comparison, and only a new
 * owner costs a hash lookup (a million-name zone is a million lookups, not one per record and step).
 */
public final class RecordsByOwner {
    private RecordsByOwner() {
    }

    /**
     * One owner: its name in lower-case wire form (the key in the store and the serving view), the
     * name as its first record writes it, and its records in zone-file order.
     */
    public record Owner(byte[] lowerName, Name name, List<Record> records) {
    }

    public static List<Owner> of(List<Record> records) {
        NameTable<Owner> byName = new NameTable<>(records.size() / 2);
        List<Owner> owners = new ArrayList<>();
        Owner last = null;
        for (Record r : records) {
            Name name = r.getName();
            if (last == null || (last.name != name && !last.name.equals(name))) {
                byte[] lower = name.toWireCanonical();
                last = byName.get(lower);
                if (last == null) {
                    last = new Owner(lower, name, new ArrayList<>(2));
                    byName.put(lower, last);
                    owners.add(last);
                }
            }
            last.records.add(r);
        }
        return owners;
    }

    /** RRsets in Route 53's sense (distinct owner and type) among the grouped records. */
    public static int rrsetCount(List<Owner> owners) {
        int count = 0;
        for (Owner o : owners) {
            List<Record> rs = o.records;
            // Most owners hold a record or two: compared pairwise, without a stream each.
            if (rs.size() > 16) {
                count += (int) rs.stream().mapToInt(Record::getType).distinct().count();
                continue;
            }
            for (int i = 0; i < rs.size(); i++) {
                int type = rs.get(i).getType();
                boolean seen = false;
                for (int j = 0; j < i && !seen; j++) {
                    seen = rs.get(j).getType() == type;
                }
                count += seen ? 0 : 1;
            }
        }
        return count;
    }
}
