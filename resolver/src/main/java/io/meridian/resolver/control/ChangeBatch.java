package io.meridian.resolver.control;

import io.meridian.resolver.zone.AliasTarget;
import io.meridian.resolver.zone.RecordSet;
import io.meridian.resolver.zone.RoutingPolicy;
import io.meridian.resolver.zone.ZoneContent;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a ChangeResourceRecordSets batch to a zone, in order and whole (ROUTE53.md §1.6, §1.7):
 * every change is checked against the zone as the earlier changes left it, then the rules that
 * concern a whole group of record sets (one name and type) are checked on the result. Any
 * failure refuses the batch with every reason, in Route 53's words where Route 53 has them.
 */
final class ChangeBatch {
    private final Name origin;
    private final String zoneId;
    private final ControlLimits limits;
    private final BatchContext context;
    private final Map<String, RecordSet> sets = new LinkedHashMap<>();
    private final Map<String, Set<String>> keysByName = new HashMap<>();
    private final List<String> errors = new ArrayList<>();

    private ChangeBatch(ZoneContent zone, String zoneId, ControlLimits limits, BatchContext context) {
        this.origin = zone.origin();
        this.zoneId = zoneId;
        this.limits = limits;
        this.context = context;
        Map<String, List<Record>> plain = new LinkedHashMap<>();
        for (Record r : zone.records()) {
            plain.computeIfAbsent(nameKey(r.getName()) + " " + r.getType(), k -> new ArrayList<>()).add(r);
        }
        plain.values().forEach(records -> put(RecordSet.plain(records)));
        zone.routed().forEach(this::put);
    }

    static ZoneContent apply(ZoneContent zone, String zoneId, List<RecordSetChange> changes, ControlLimits limits,
                             BatchContext context) throws ControlException {
        for (RecordSetChange c : changes) {
            RecordSetRules.check(c.action(), c.set());
            if (c.set().healthCheckId() != null && !context.healthCheckExists(c.set().healthCheckId())) {
                throw new ControlException("NoSuchHealthCheck", "No health check exists with the ID " + c.set().healthCheckId());
            }
        }
        return new ChangeBatch(zone, zoneId, limits, context).run(changes);
    }

    private ZoneContent run(List<RecordSetChange> changes) throws ChangeBatchException {
        int before = sets.size();
        int records = 0;
        int chars = 0;
        Set<String> touched = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (RecordSetChange c : changes) {
            ResourceRecordSet s = c.set();
            records += s.values().size() * ("UPSERT".equals(c.action()) ? 2 : 1);
            chars += s.values().stream().mapToInt(String::length).sum() * ("UPSERT".equals(c.action()) ? 2 : 1);
            if (s.values().size() > limits.valuesPerRecordSet()) {
                errors.add("The record set " + RecordSetRules.shown(s.name(), s.type(), s.setIdentifier()) + " has "
                        + s.values().size() + " values; the limit is " + limits.valuesPerRecordSet());
                continue;
            }
            RecordSet wanted = parse(s);
            if (wanted == null) {
                continue;
            }
            String key = key(wanted);
            if (!seen.add(key + " " + c.action())) {
                errors.add("The request contains an invalid set of changes for a resource record set '" + s.type() + " "
                        + wanted.name() + "'");
                continue;
            }
            touched.add(groupKey(wanted.name(), wanted.type()));
            apply(c.action(), wanted, key);
        }
        if (records > limits.recordsPerBatch()) {
            errors.add("Number of records limit of " + limits.recordsPerBatch() + " exceeded.");
        }
        if (chars > limits.valueCharsPerBatch()) {
            errors.add("Number of characters in record values limit of " + limits.valueCharsPerBatch() + " exceeded.");
        }
        if (sets.size() > before && sets.size() > limits.recordSetsPerZone()) {
            errors.add("Number of resource record sets limit of " + limits.recordSetsPerZone() + " exceeded in zone " + origin);
        }
        if (errors.isEmpty()) {
            touched.forEach(this::checkGroup);
            sets.values().stream().filter(r -> r.alias() != null).forEach(this::checkAliasTarget);
        }
        if (!errors.isEmpty()) {
            throw new ChangeBatchException(errors);
        }
        List<Record> plain = new ArrayList<>();
        List<RecordSet> routed = new ArrayList<>();
        for (RecordSet r : sets.values()) {
            if (r.isPlain()) {
                plain.addAll(r.records());
            } else {
                routed.add(r);
            }
        }
        return new ZoneContent(origin, plain, routed);
    }

    private void apply(String action, RecordSet wanted, String key) {
        RecordSet current = sets.get(key);
        String shown = RecordSetRules.shown(wanted.name().toString(), Type.string(wanted.type()), wanted.setIdentifier());
        switch (action) {
            case "CREATE" -> {
                if (current != null) {
                    errors.add("Tried to create resource record set " + shown + " but it already exists");
                } else if (mayAdd(wanted)) {
                    put(wanted);
                }
            }
            case "DELETE" -> {
                if (current == null) {
                    errors.add("Tried to delete resource record set " + shown + " but it was not found");
                } else if (!same(current, wanted)) {
                    errors.add("Tried to delete resource record set " + shown + " but the values provided do not match the current values");
                } else if (wanted.type() == Type.SOA || (wanted.type() == Type.NS && wanted.name().equals(origin))) {
                    errors.add("A HostedZone must contain at least one NS record and exactly one SOA record at the apex; "
                            + Type.string(wanted.type()) + " " + wanted.name() + " cannot be deleted");
                } else {
                    remove(key);
                }
            }
            default -> { // UPSERT; RecordSetRules let no other action through
                if (wanted.type() == Type.SOA && wanted.records().size() != 1) {
                    errors.add("A HostedZone must contain exactly one SOA record.");
                } else if (mayAdd(wanted)) {
                    put(wanted);
                }
            }
        }
    }

    /** A ResourceRecordSet in stored form, or null after adding the reason it has none. */
    private RecordSet parse(ResourceRecordSet s) {
        Name name;
        try {
            name = route53Name(s.name());
        } catch (TextParseException e) {
            errors.add("Invalid DNS name " + s.name() + ": " + e.getMessage());
            return null;
        }
        if (!name.subdomain(origin)) {
            errors.add("RRSet with DNS name " + name + " is not permitted in zone " + origin);
            return null;
        }
        int type = Type.value(s.type());
        if (type == Type.NS && name.isWild()) {
            errors.add("RRSet of type NS with DNS name " + name + " is not permitted: NS records cannot have a wildcard name");
            return null;
        }
        AliasTarget alias = null;
        if (s.alias() != null) {
            try {
                alias = new AliasTarget(bareZoneId(s.alias().hostedZoneId()), route53Name(s.alias().dnsName()),
                        s.alias().evaluateTargetHealth());
            } catch (TextParseException e) {
                errors.add("Invalid alias target DNS name " + s.alias().dnsName() + ": " + e.getMessage());
                return null;
            }
        }
        List<Record> records = new ArrayList<>();
        for (String v : s.values()) {
            try {
                records.add(Record.fromString(name, type, DClass.IN, s.ttl(), v, origin));
            } catch (java.io.IOException | RuntimeException e) {
                errors.add("Invalid Resource Record: 'FATAL problem: " + e.getMessage() + " encountered with '" + v + "''");
            }
        }
        if (records.size() != s.values().size()) {
            return null;
        }
        if (type == Type.CNAME && records.size() > 1) {
            errors.add("RRSet of type CNAME with DNS name " + name + " has " + records.size() + " values; a CNAME has exactly one");
            return null;
        }
        return new RecordSet(name, type, s.setIdentifier(), s.ttl() == null ? RecordSet.NO_TTL : s.ttl(), records,
                s.routing(), alias, s.healthCheckId());
    }

    /**
     * Whether a new set may join the zone: CNAME stands alone at its name and never at the apex
     * (RFC 1034 §3.6.2), and one name and type has one simple set or sets of a single policy.
     * False after adding the reason.
     */
    private boolean mayAdd(RecordSet s) {
        if (s.type() == Type.CNAME && s.name().equals(origin)) {
            errors.add("RRSet of type CNAME with DNS name " + s.name() + " is not permitted at apex in zone " + origin);
            return false;
        }
        for (String key : keysByName.getOrDefault(nameKey(s.name()), Set.of())) {
            RecordSet other = sets.get(key);
            if (other.type() != s.type() && s.type() == Type.CNAME) {
                errors.add("RRSet of type CNAME with DNS name " + s.name() + " is not permitted as it conflicts with other"
                        + " records with the same DNS name in zone " + origin);
                return false;
            }
            if (other.type() != s.type() && other.type() == Type.CNAME) {
                errors.add("RRSet of type " + Type.string(s.type()) + " with DNS name " + s.name() + " is not permitted because"
                        + " a conflicting RRSet of type  CNAME with the same DNS name already exists in zone " + origin);
                return false;
            }
            if (other.type() == s.type() && !Objects.equals(other.setIdentifier(), s.setIdentifier())
                    && (s.routing() == null || other.routing() == null || other.routing().getClass() != s.routing().getClass())) {
                errors.add(s.routing() == null
                        ? "RRSet with DNS name " + s.name() + ", type " + Type.string(s.type())
                          + " cannot be created as other RRSets exist with the same name and type."
                        : "RRSet with DNS name " + s.name() + ", type " + Type.string(s.type()) + ", SetIdentifier \""
                          + s.setIdentifier() + "\" cannot be created because a non " + s.routing().word()
                          + " rrset exists with the same name and type.");
                return false;
            }
        }
        return true;
    }

    /** The rules over all sets of one name and type, once the batch is applied (ROUTE53.md §1.4). */
    private void checkGroup(String group) {
        List<RecordSet> members = new ArrayList<>();
        for (String key : keysByName.getOrDefault(group.substring(0, group.lastIndexOf(' ')), Set.of())) {
            RecordSet s = sets.get(key);
            if (groupKey(s.name(), s.type()).equals(group)) {
                members.add(s);
            }
        }
        if (members.isEmpty() || members.get(0).routing() == null) {
            return;
        }
        RecordSet first = members.get(0);
        String where = first.name() + ", type " + Type.string(first.type());
        RoutingPolicy policy = first.routing();
        if (policy instanceof RoutingPolicy.Weighted) {
            if (members.size() > limits.weightedSetsPerName()) {
                errors.add("Exceeded limit on number of weighted RRSets for " + where + " in this zone.");
            }
            if (members.stream().filter(m -> m.alias() == null).map(RecordSet::ttl).distinct().count() > 1) {
                errors.add("All weighted RRSets for " + where + " must have the same TTL.");
            }
        } else if (policy instanceof RoutingPolicy.Geoproximity && members.size() > limits.geoproximitySetsPerName()) {
            errors.add("Exceeded limit on number of geoproximity RRSets for " + where + " in this zone.");
        } else if (policy instanceof RoutingPolicy.Failover) {
            for (RecordSet m : members) {
                if (m.alias() != null && !m.alias().evaluateTargetHealth()) {
                    errors.add("The failover alias RRSet " + where + ", SetIdentifier \"" + m.setIdentifier()
                            + "\" must set EvaluateTargetHealth to true.");
                }
            }
        } else if (policy instanceof RoutingPolicy.IpBased first1) {
            checkCidrGroup(members, first1.collectionId(), where);
        }
        Map<String, String> placeTaken = new HashMap<>();
        for (RecordSet m : members) {
            String place = uniquePlace(m.routing());
            if (place != null) {
                String earlier = placeTaken.putIfAbsent(place, m.setIdentifier());
                if (earlier != null) {
                    errors.add("RRSets with DNS name " + where + " and SetIdentifiers \"" + earlier + "\" and \""
                            + m.setIdentifier() + "\" have the same " + place + "; each must be different.");
                }
            }
        }
    }

    /** What two sets of one group may not share: a failover role, a latency region, a geolocation, a CIDR location. */
    private static String uniquePlace(RoutingPolicy r) {
        if (r instanceof RoutingPolicy.Failover f) {
            return "failover role " + f.role();
        } else if (r instanceof RoutingPolicy.Latency l) {
            return "latency region " + l.region();
        } else if (r instanceof RoutingPolicy.Geolocation g) {
            return "geolocation " + g.location();
        } else if (r instanceof RoutingPolicy.IpBased c) {
            return "CIDR location " + c.locationName();
        }
        return null;
    }

    private void checkCidrGroup(List<RecordSet> members, String collectionId, String where) {
        Set<String> locations = context.cidrLocations(collectionId);
        for (RecordSet m : members) {
            RoutingPolicy.IpBased c = (RoutingPolicy.IpBased) m.routing();
            if (!c.collectionId().equals(collectionId)) {
                errors.add("All IP-based RRSets for " + where + " must use the same CIDR collection.");
                return;
            }
            if (locations == null) {
                errors.add("The CIDR collection " + collectionId + " does not exist.");
                return;
            }
            if (!c.locationName().equals("*") && !locations.contains(c.locationName())) {
                errors.add("The CIDR collection " + collectionId + " has no location " + c.locationName() + ".");
            }
        }
    }

    /** An alias must point at a record set of its own type in a zone on this appliance (ROUTE53.md §1.3). */
    private void checkAliasTarget(RecordSet s) {
        AliasTarget a = s.alias();
        String prefix = "Tried to create an alias that targets " + a.dnsName() + ", type " + Type.string(s.type()) + " in zone "
                + a.hostedZoneId();
        boolean sameZone = a.hostedZoneId().equals(zoneId);
        Name targetOrigin = sameZone ? origin : context.zoneOrigin(a.hostedZoneId());
        if (targetOrigin == null) {
            errors.add(prefix + ", but that hosted zone does not exist on this appliance");
        } else if (!a.dnsName().subdomain(targetOrigin)) {
            errors.add(prefix + ", but the alias target name does not lie within the target zone");
        } else if (sameZone ? !keysByName.getOrDefault(nameKey(a.dnsName()), Set.of()).stream()
                .anyMatch(k -> sets.get(k).type() == s.type())
                : !context.recordSetExists(targetOrigin, a.dnsName(), s.type())) {
            errors.add(prefix + ", but that target was not found");
        } else if (sameZone && a.dnsName().equals(s.name())) {
            errors.add(prefix + ", but an alias cannot target its own name and type");
        }
    }

    /** Same set: TTL, values (in any order, case-insensitive), routing, alias and health check all match. */
    private static boolean same(RecordSet current, RecordSet wanted) {
        return current.ttl() == wanted.ttl() && Objects.equals(current.routing(), wanted.routing())
                && Objects.equals(current.alias(), wanted.alias()) && Objects.equals(current.healthCheckId(), wanted.healthCheckId())
                && values(current).equals(values(wanted)) && current.records().size() == wanted.records().size();
    }

    private static Set<String> values(RecordSet s) {
        Set<String> out = new HashSet<>();
        s.records().forEach(r -> out.add(r.rdataToString().toLowerCase(Locale.ROOT)));
        return out;
    }

    private void put(RecordSet s) {
        String key = key(s);
        sets.put(key, s);
        keysByName.computeIfAbsent(nameKey(s.name()), k -> new LinkedHashSet<>()).add(key);
    }

    private void remove(String key) {
        RecordSet s = sets.remove(key);
        Set<String> keys = keysByName.get(nameKey(s.name()));
        keys.remove(key);
        if (keys.isEmpty()) {
            keysByName.remove(nameKey(s.name()));
        }
    }

    private static String key(RecordSet s) {
        return groupKey(s.name(), s.type()) + " " + (s.setIdentifier() == null ? "" : s.setIdentifier());
    }

    private static String groupKey(Name name, int type) {
        return nameKey(name) + " " + type;
    }

    private static String nameKey(Name name) {
        return name.toString().toLowerCase(Locale.ROOT);
    }

    static String bareZoneId(String id) {
        return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
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
