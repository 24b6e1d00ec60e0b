package io.meridian.resolver.zone;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks a zone must pass before it is stored, the ones Knot DNS treats as mandatory:
 * one SOA at the apex, NS at the apex, class IN, every name inside the zone, and a CNAME
 * alone at its name (RFC 1034 §3.6.2, RFC 2181 §10.1).
 */
public final class ZoneValidator {
    private ZoneValidator() {
    }

    public static ZoneContent validate(String source, ZoneContent zone) throws ZoneException {
        Name origin = zone.origin();
        List<Record> records = zone.records();
        int soaCount = 0;
        boolean apexNs = false;
        // Only names with a CNAME need their other types checked: a map of those alone, not of every name.
        Map<Name, Integer> cnames = new HashMap<>();
        for (Record r : records) {
            Name owner = r.getName();
            if (r.getDClass() != DClass.IN) {
                throw new ZoneException(source + ": " + owner + " " + Type.string(r.getType())
                        + ": class " + DClass.string(r.getDClass()) + " is not served; use IN");
            }
            if (!owner.subdomain(origin)) {
                throw new ZoneException(source + ": " + owner + " is outside the zone " + origin);
            }
            if (r.getType() == Type.SOA) {
                if (!owner.equals(origin)) {
                    throw new ZoneException(source + ": SOA at " + owner + " must be at the zone apex " + origin);
                }
                soaCount++;
            }
            if (r.getType() == Type.NS && owner.equals(origin)) {
                apexNs = true;
            }
            if (r.getType() == Type.CNAME) {
                cnames.merge(owner, 1, Integer::sum);
            }
        }
        if (soaCount != 1) {
            throw new ZoneException(source + ": zone " + origin + " must have exactly one SOA at its apex, found " + soaCount);
        }
        if (!apexNs) {
            throw new ZoneException(source + ": zone " + origin + " has no NS record at its apex");
        }
        for (Map.Entry<Name, Integer> e : cnames.entrySet()) {
            if (e.getValue() > 1) {
                throw new ZoneException(source + ": " + e.getKey() + " has more than one CNAME");
            }
            if (e.getKey().equals(origin)) {
                throw new ZoneException(source + ": the zone apex " + origin + " cannot be a CNAME");
            }
        }
        if (!cnames.isEmpty()) {
            for (Record r : records) {
                int type = r.getType();
                if (type != Type.CNAME && type != Type.RRSIG && type != Type.NSEC && cnames.containsKey(r.getName())) {
                    throw new ZoneException(source + ": " + r.getName() + " has a CNAME and other data; a CNAME must be alone at its name");
                }
            }
        }
        return zone;
    }
}
