package io.meridian.resolver.control;

import io.meridian.resolver.zone.ZoneContent;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a ChangeResourceRecordSets batch of simple record sets to a zone's records, in order
 * and whole: every change is checked against the zone as the earlier changes left it, with
 * Route 53's rules and messages (ROUTE53.md §1.6, §1.7); any failure refuses the batch.
 */
final class ChangeBatch {
    static final int MAX_RECORDS = 1000;

    private ChangeBatch() {
    }

    static ZoneContent apply(ZoneContent zone, List<RecordSetChange> changes) throws ChangeBatchException {
        Name origin = zone.origin();
        Map<String, List<Record>> sets = new LinkedHashMap<>();
        for (Record r : zone.records()) {
            sets.computeIfAbsent(key(r.getName(), r.getType()), k -> new ArrayList<>()).add(r);
        }
        List<String> errors = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        int records = 0;
        for (RecordSetChange c : changes) {
            records += c.values().size() * ("UPSERT".equals(c.action()) ? 2 : 1);
            Name name;
            int type = Type.value(c.type());
            try {
                name = route53Name(c.name());
            } catch (TextParseException e) {
                errors.add("Invalid DNS name " + c.name() + ": " + e.getMessage());
                continue;
            }
            String shown = "[name='" + name + "', type='" + c.type() + "']";
            if (type < 0) {
                errors.add("Invalid type " + c.type() + " in the change for " + name);
                continue;
            }
            if (!name.subdomain(origin)) {
                errors.add("RRSet with DNS name " + name + " is not permitted in zone " + origin);
                continue;
            }
            String key = key(name, type);
            if (!touched.add(key + " " + c.action())) {
                errors.add("The request contains an invalid set of changes for a resource record set '" + c.type() + " " + name + "'");
                continue;
            }
            List<Record> wanted = new ArrayList<>();
            for (String v : c.values()) {
                try {
                    wanted.add(Record.fromString(name, type, DClass.IN, c.ttl(), v, origin));
                } catch (java.io.IOException | RuntimeException e) {
                    errors.add("Invalid Resource Record: 'FATAL problem: " + e.getMessage() + " encountered with '" + v + "''");
                }
            }
            if (wanted.size() != c.values().size()) {
                continue;
            }
            List<Record> current = sets.get(key);
            switch (c.action()) {
                case "CREATE" -> {
                    if (current != null) {
                        errors.add("Tried to create resource record set " + shown + " but it already exists");
                    } else if (conflicts(sets, name, type, origin, errors)) {
                        sets.put(key, wanted);
                    }
                }
                case "DELETE" -> {
                    if (current == null) {
                        errors.add("Tried to delete resource record set " + shown + " but it was not found");
                    } else if (!sameValues(current, wanted)) {
                        errors.add("Tried to delete resource record set " + shown + " but the values provided do not match the current values");
                    } else if (type == Type.SOA || (type == Type.NS && name.equals(origin))) {
                        errors.add("A HostedZone must contain at least one NS record and exactly one SOA record at the apex; "
                                + Type.string(type) + " " + name + " cannot be deleted");
                    } else {
                        sets.remove(key);
                    }
                }
                case "UPSERT" -> {
                    if (type == Type.SOA && wanted.size() != 1) {
                        errors.add("A HostedZone must contain exactly one SOA record.");
                    } else if (current != null || conflicts(sets, name, type, origin, errors)) {
                        sets.put(key, wanted);
                    }
                }
                default -> errors.add("Invalid action " + c.action() + "; use CREATE, DELETE or UPSERT");
            }
        }
        if (records > MAX_RECORDS) {
            errors.add("Number of records limit of " + MAX_RECORDS + " exceeded.");
        }
        if (!errors.isEmpty()) {
            throw new ChangeBatchException(errors);
        }
        List<Record> out = new ArrayList<>();
        sets.values().forEach(out::addAll);
        return new ZoneContent(origin, out);
    }

    /** CNAME stands alone at its name and never at the apex (RFC 1034 §3.6.2); false after adding an error. */
    private static boolean conflicts(Map<String, List<Record>> sets, Name name, int type, Name origin, List<String> errors) {
        if (type == Type.CNAME && name.equals(origin)) {
            errors.add("RRSet of type CNAME with DNS name " + name + " is not permitted at apex in zone " + origin);
            return false;
        }
        for (List<Record> set : sets.values()) {
            Record r = set.get(0);
            if (r.getName().equals(name) && r.getType() != type && (type == Type.CNAME || r.getType() == Type.CNAME)) {
                errors.add("RRSet of type " + Type.string(type) + " with DNS name " + name + " is not permitted because a conflicting"
                        + " RRSet of type  " + Type.string(r.getType()) + " with the same DNS name already exists in zone " + origin);
                return false;
            }
        }
        return true;
    }

    private static boolean sameValues(List<Record> current, List<Record> wanted) {
        if (current.size() != wanted.size() || current.get(0).getTTL() != wanted.get(0).getTTL()) {
            return false;
        }
        Set<String> a = new HashSet<>();
        current.forEach(r -> a.add(r.rdataToString().toLowerCase(java.util.Locale.ROOT)));
        Set<String> b = new HashSet<>();
        wanted.forEach(r -> b.add(r.rdataToString().toLowerCase(java.util.Locale.ROOT)));
        return a.equals(b);
    }

    private static String key(Name name, int type) {
        return name.toString().toLowerCase(java.util.Locale.ROOT) + " " + type;
    }

    /** A name as the Route 53 API takes it: relative names are absolute, \ooo escapes are octal. */
    static Name route53Name(String text) throws TextParseException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 3 < text.length() && text.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                int code = Integer.parseInt(text.substring(i + 1, i + 4), 8);
                b.append(String.format("\\%03d", code));
                i += 3;
            } else {
                b.append(ch);
            }
        }
        String s = b.toString();
        return Name.fromString(s.endsWith(".") ? s : s + ".");
    }
}
