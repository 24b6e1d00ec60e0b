package io.meridian.resolver.zone;

import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import java.util.List;
import java.util.Objects;

/**
 * A record set in Route 53's model, keyed by (name, type, setIdentifier) (ROUTE53.md §1.2).
 * A plain set (no SetIdentifier, alias or health check) is exactly what a zone file can say;
 * anything else is a routed set, stored beside the zone's records and evaluated by the routing
 * engine. An alias set has no TTL ({@link #NO_TTL}) and no records.
 */
public record RecordSet(Name name, int type, String setIdentifier, long ttl, List<Record> records,
                        RoutingPolicy routing, AliasTarget alias, String healthCheckId) {
    public static final long NO_TTL = -1;

    public RecordSet {
        Objects.requireNonNull(name);
        records = List.copyOf(records);
        if ((setIdentifier == null) != (routing == null)) {
            throw new IllegalArgumentException("a SetIdentifier goes with a routing policy and only with one");
        }
    }

    /** A simple record set of zone-file records, all with the same name and type. */
    public static RecordSet plain(List<Record> records) {
        Record first = records.get(0);
        return new RecordSet(first.getName(), first.getType(), null, first.getTTL(), records, null, null, null);
    }

    public boolean isPlain() {
        return setIdentifier == null && alias == null && healthCheckId == null;
    }
}
