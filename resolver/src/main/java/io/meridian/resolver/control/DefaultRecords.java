package io.meridian.resolver.control;

import io.meridian.resolver.zone.ZoneContent;
import io.meridian.resolver.zone.ZoneException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * The SOA and NS records Route 53 gives a new public hosted zone (ROUTE53.md §1.13): SOA
 * "NS1 hostmaster.ZONE 1 7200 900 1209600 86400" with TTL 900, NS with TTL 172800.
 */
final class DefaultRecords {
    static final long SOA_TTL = 900;
    static final long NS_TTL = 172_800;

    private DefaultRecords() {
    }

    static ZoneContent forNewZone(Name origin, List<String> nameServers) throws ZoneException {
        if (nameServers.isEmpty()) {
            throw new ZoneException("no name servers configured for new zones (nameServers in meridian.yaml)");
        }
        try {
            List<Name> servers = new ArrayList<>();
            for (String ns : nameServers) {
                servers.add(Name.fromString(ns.endsWith(".") ? ns : ns + "."));
            }
            List<Record> records = new ArrayList<>();
            records.add(new SOARecord(origin, DClass.IN, SOA_TTL, servers.get(0), Name.fromString("hostmaster", origin),
                    1, 7200, 900, 1_209_600, 86_400));
            for (Name ns : servers) {
                records.add(new NSRecord(origin, DClass.IN, NS_TTL, ns));
            }
            return new ZoneContent(origin, records);
        } catch (TextParseException e) {
            throw new ZoneException("a configured name server is not a valid host name: " + e.getMessage(), e);
        }
    }
}
