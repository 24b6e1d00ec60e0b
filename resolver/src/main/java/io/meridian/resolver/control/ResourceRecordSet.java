package io.meridian.resolver.control;

import io.meridian.resolver.zone.RecordSet;
import io.meridian.resolver.zone.RoutingPolicy;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A record set as the Route 53 API reads and writes it (ROUTE53.md §1.2): names in Route 53's
 * form, values in presentation format, and every optional member null when absent (TTL and values
 * for an alias; SetIdentifier and routing for a simple set). The same shape comes in with a change
 * and goes out in a listing.
 */
public record ResourceRecordSet(String name, String type, String setIdentifier, Long ttl, List<String> values,
                                RoutingPolicy routing, Alias alias, String healthCheckId) {

    /** AliasTarget as the API spells it. */
    public record Alias(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {
    }

    public ResourceRecordSet {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** A simple record set: name, type, TTL and values. */
    public static ResourceRecordSet simple(String name, String type, long ttl, List<String> values) {
        return new ResourceRecordSet(name, type, null, ttl, values, null, null, null);
    }

    /** Route 53's order: names compared with their labels reversed, then types, then SetIdentifiers (ROUTE53.md §1.8). */
    public static final Comparator<ResourceRecordSet> ORDER = Comparator
            .comparing((ResourceRecordSet r) -> reversedLabels(r.name()))
            .thenComparing(ResourceRecordSet::type)
            .thenComparing(r -> r.setIdentifier() == null ? "" : r.setIdentifier());

    /** A zone's plain records (one simple set per name and type) and routed sets, in Route 53's order. */
    static List<ResourceRecordSet> of(List<Record> records, List<RecordSet> routed) {
        Map<String, List<Record>> sets = new LinkedHashMap<>();
        for (Record r : records) {
            sets.computeIfAbsent(route53Name(r.getName()) + " " + Type.string(r.getType()), k -> new ArrayList<>()).add(r);
        }
        List<ResourceRecordSet> out = new ArrayList<>();
        for (List<Record> set : sets.values()) {
            out.add(of(RecordSet.plain(set)));
        }
        routed.forEach(s -> out.add(of(s)));
        out.sort(ORDER);
        return out;
    }

    static ResourceRecordSet of(RecordSet s) {
        Alias alias = s.alias() == null ? null
                : new Alias(s.alias().hostedZoneId(), route53Name(s.alias().dnsName()), s.alias().evaluateTargetHealth());
        return new ResourceRecordSet(route53Name(s.name()), Type.string(s.type()), s.setIdentifier(),
                s.ttl() == RecordSet.NO_TTL ? null : s.ttl(), s.records().stream().map(RecordValues::value).toList(),
                s.routing(), alias, s.healthCheckId());
    }

    /** Lower case; any character but a-z, 0-9, '-' and '_' (a wildcard's * too, as Route 53 lists it) as a backslash and three octal digits. */
    public static String route53Name(Name name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.labels() - 1; i++) {
            byte[] label = name.getLabel(i);
            for (int k = 1; k < label.length; k++) {
                char c = (char) Character.toLowerCase(label[k] & 0xFF);
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                    b.append(c);
                } else {
                    b.append('\\').append(String.format("%03o", label[k] & 0xFF));
                }
            }
            b.append('.');
        }
        return b.length() == 0 ? "." : b.toString();
    }

    /** "www.example.com." -> "com.example.www." for ordering; escapes sort as written, as Route 53's do. */
    public static String reversedLabels(String name) {
        String[] labels = name.split("\\.");
        StringBuilder b = new StringBuilder();
        for (int i = labels.length - 1; i >= 0; i--) {
            if (!labels[i].isEmpty()) {
                b.append(labels[i]).append('.');
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
