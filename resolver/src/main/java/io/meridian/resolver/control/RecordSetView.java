package io.meridian.resolver.control;

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
 * A record set as the Route 53 API shows it: name (lower case, with Route 53's \ooo escapes),
 * type, TTL and values in presentation format. Zone-file records become simple record sets, one
 * per (name, type) (ROUTE53.md §1.2).
 */
public record RecordSetView(String name, String type, long ttl, List<String> values) {

    /** Route 53's order: names compared with their labels reversed, then types (ROUTE53.md §1.8). */
    public static final Comparator<RecordSetView> ORDER = Comparator
            .comparing((RecordSetView r) -> reversedLabels(r.name()))
            .thenComparing(RecordSetView::type);

    static List<RecordSetView> of(List<Record> records) {
        Map<String, List<Record>> sets = new LinkedHashMap<>();
        for (Record r : records) {
            sets.computeIfAbsent(route53Name(r.getName()) + " " + Type.string(r.getType()), k -> new ArrayList<>()).add(r);
        }
        List<RecordSetView> out = new ArrayList<>();
        for (List<Record> set : sets.values()) {
            Record first = set.get(0);
            out.add(new RecordSetView(route53Name(first.getName()), Type.string(first.getType()), first.getTTL(),
                    set.stream().map(RecordValues::value).toList()));
        }
        out.sort(ORDER);
        return out;
    }

    /** Lower case; any character but a-z, 0-9, '-' and '_' as a backslash and three octal digits. */
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
