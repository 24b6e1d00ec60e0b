package io.meridian.resolver.reference;

import io.meridian.resolver.reference.QueryCorpus.CorpusQuery;
import io.meridian.resolver.reference.QueryCorpus.Edns;
import io.meridian.resolver.reference.QueryCorpus.Profile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Questions about zones nobody wrote by hand ({@link RandomZoneGenerator}): read back from the
 * zone files, so that they are about what the files hold, not what the generator meant. For every
 * name (owners and empty non-terminals) a few of its types, a type it lacks, and often ANY, DS
 * and NS; then names derived from it by adding, removing or replacing labels; names under each
 * wildcard and each delegation; every name that rdata points at; and names outside every zone.
 * Each question is asked with random letter case, EDNS (none, 512, 1232 or 4096 bytes, DO
 * sometimes) and transport (about 15% TCP).
 */
final class RandomZoneQueries {

    /** Types asked where a name may lack them; RFC 3597 types of the zones are added per zone. */
    private static final int[] ABSENT_POOL = {Type.A, Type.AAAA, Type.TXT, Type.MX, Type.SRV, Type.PTR, Type.CAA,
        Type.HINFO, Type.SSHFP, Type.CNAME, Type.SOA, Type.NS, Type.DS, Type.DNSKEY, Type.NAPTR, Type.TLSA,
        Type.HTTPS, 65_535};
    private static final int[] BELOW_TYPES = {Type.A, Type.AAAA, Type.MX, Type.TXT, Type.ANY, Type.NS, Type.DS,
        Type.CNAME, Type.SRV, Type.SOA};
    private static final String[] OUTSIDE = {".", "example.", "test.", "org.", "example.org.", "www.example.net."};

    private final Random random;
    private final IntSupplier ids;
    private final List<CorpusQuery> queries = new ArrayList<>();

    private RandomZoneQueries(long seed) {
        random = new Random(seed ^ 0x5DEECE66DL);
        ids = QueryCorpus.uniqueIds(random.nextInt(65_536));
    }

    static List<CorpusQuery> generate(List<KnotServer.ZoneFile> zones, long seed) throws IOException {
        RandomZoneQueries corpus = new RandomZoneQueries(seed);
        List<Name> origins = new ArrayList<>();
        for (KnotServer.ZoneFile zone : zones) {
            origins.add(Name.fromString(zone.origin()));
        }
        for (KnotServer.ZoneFile zone : zones) {
            corpus.zone(Name.fromString(zone.origin()), zone);
        }
        corpus.outside(origins);
        return List.copyOf(corpus.queries);
    }

    private void zone(Name origin, KnotServer.ZoneFile file) throws IOException {
        // Owner name to its types, and every name some rdata points at, in canonical order.
        TreeMap<Name, Set<Integer>> owners = new TreeMap<>();
        Set<Name> targets = new TreeSet<>();
        try (Master master = new Master(file.file().toString(), origin)) {
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                owners.computeIfAbsent(r.getName(), n -> new TreeSet<>()).add(r.getType());
                Name target = r instanceof CNAMERecord c ? c.getTarget() : r instanceof MXRecord mx ? mx.getTarget()
                        : r instanceof SRVRecord srv ? srv.getTarget() : r instanceof NSRecord ns ? ns.getTarget()
                        : r instanceof PTRRecord ptr ? ptr.getTarget() : null;
                if (target != null) {
                    targets.add(target);
                }
            }
        }
        List<Integer> unknownTypes = owners.values().stream().flatMap(Set::stream)
                .filter(t -> t >= 65_280 && t < 65_535).distinct().sorted().toList();
        Set<Name> names = new TreeSet<>(owners.keySet());
        List<Name> cuts = new ArrayList<>();
        List<Name> wildcards = new ArrayList<>();
        for (Map.Entry<Name, Set<Integer>> e : owners.entrySet()) {
            Name name = e.getKey();
            for (Name up = parent(name); up.subdomain(origin) && !up.equals(origin); up = parent(up)) {
                names.add(up); // empty non-terminals
            }
            if (!name.equals(origin) && e.getValue().contains(Type.NS)) {
                cuts.add(name);
            }
            if (name.isWild()) {
                wildcards.add(name);
            }
        }
        List<Name> all = List.copyOf(names);

        for (Name name : all) {
            Set<Integer> types = owners.getOrDefault(name, Set.of());
            List<Integer> present = new ArrayList<>(types);
            boolean askedOne = false;
            for (int type : present) {
                if (!askedOne || chance(50)) {
                    add(owners.containsKey(name) ? "owner" : "empty non-terminal", name, type);
                    askedOne = true;
                }
            }
            int absent = absentType(unknownTypes);
            if (!types.contains(absent)) {
                add(types.isEmpty() ? "empty non-terminal" : "type the owner lacks", name, absent);
            }
            boolean always = cuts.contains(name) || name.equals(origin);
            if (chance(45) || always) {
                add("ANY at a name", name, Type.ANY);
            }
            if (chance(30) || always) {
                add("DS at a name", name, Type.DS);
            }
            if (chance(30) || always) {
                add("NS at a name", name, Type.NS);
            }
            for (int i = 0; i < 1 + (chance(50) ? 1 : 0); i++) {
                Name derived = derive(name, origin, all);
                if (derived != null) {
                    add("derived name", derived, randomType(unknownTypes));
                }
            }
        }
        // The apex of a hosted child answers SOA/NS/DNSKEY itself, but DS from its parent.
        for (int type : new int[] {Type.SOA, Type.NS, Type.DS, Type.DNSKEY, Type.ANY}) {
            add("zone apex", origin, type);
        }
        for (Name wildcard : wildcards) {
            Name closest = parent(wildcard);
            for (int i = 0; i < 4; i++) {
                add("wildcard match", child(label(), closest), randomType(unknownTypes));
            }
            add("wildcard match, two labels", child(label() + "." + label(), closest), randomType(unknownTypes));
            add("literal wildcard", wildcard, randomType(unknownTypes));
            add("below the literal wildcard", child(label(), wildcard), randomType(unknownTypes));
        }
        for (Name cut : cuts) {
            add("below a delegation", child(label(), cut), randomType(unknownTypes));
            add("deep below a delegation", child(label() + "." + label(), cut), randomType(unknownTypes));
            add("at a delegation", cut, pick(BELOW_TYPES));
        }
        for (Name target : targets) {
            if (!target.equals(Name.root)) {
                add("rdata target", target, randomType(unknownTypes));
            }
        }
    }

    /** A name near {@code name}: one label more or less, or one label replaced (by a new or a zone label). */
    private Name derive(Name name, Name origin, List<Name> all) {
        int below = name.labels() - origin.labels();
        return switch (random.nextInt(6)) {
            case 0 -> child(label(), name);
            case 1 -> child(label() + "." + label(), name);
            case 2 -> below >= 1 ? parent(name) : child(label(), name);
            case 3 -> below >= 1 ? child(label(), parent(name)) : null;
            case 4 -> below >= 2 ? replace(name, 1 + random.nextInt(below - 1), label()) : null;
            default -> below >= 1 ? replace(name, random.nextInt(below), zoneLabel(all)) : null;
        };
    }

    /** {@code name} with the label at {@code index} (0 is the leftmost) replaced by {@code label}. */
    private static Name replace(Name name, int index, String label) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < name.labels() - 1; i++) {
            text.append(i == index ? label : name.getLabelString(i)).append('.');
        }
        return child(text.toString(), Name.root);
    }

    private String zoneLabel(List<Name> all) {
        Name some = all.get(random.nextInt(all.size()));
        return some.labels() > 1 ? some.getLabelString(0) : label();
    }

    private void outside(List<Name> origins) throws TextParseException {
        List<Name> names = new ArrayList<>();
        for (String text : OUTSIDE) {
            names.add(Name.fromString(text));
        }
        for (Name origin : origins) {
            // Look-alikes: the apex with a label changed or glued on, and its parent.
            names.add(parent(origin));
            names.add(Name.fromString("x" + origin.getLabelString(0) + "." + parent(origin)));
            names.add(Name.fromString(origin.getLabelString(0).substring(1) + "." + parent(origin)));
        }
        for (Name name : names) {
            if (origins.stream().noneMatch(name::subdomain)) {
                for (int type : new int[] {Type.A, Type.SOA, Type.NS, Type.DS, Type.ANY}) {
                    add("outside every zone", name, type);
                }
            }
        }
    }

    private void add(String what, Name name, int type) {
        if (name == null) {
            return; // a derived name that would have been too long
        }
        Profile p = randomProfile();
        int id = ids.getAsInt();
        Name qname = p.mixedCase() ? QueryCorpus.mixCase(name, random) : name;
        queries.add(QueryCorpus.encode(what, id, 0, qname, type, DClass.IN, p));
    }

    /** EDNS none/512/1232/4096 (DO on a third of those with EDNS), 15% TCP, half with 0x20 case. */
    private Profile randomProfile() {
        int roll = random.nextInt(100);
        Edns edns = roll < 22 ? null
                : new Edns(roll < 40 ? 512 : roll < 75 ? 1232 : 4096, 0, random.nextInt(3) == 0, false);
        return new Profile(random.nextBoolean(), chance(3), chance(3), edns, chance(15), random.nextBoolean());
    }

    private int absentType(List<Integer> unknownTypes) {
        return !unknownTypes.isEmpty() && chance(10) ? unknownTypes.get(random.nextInt(unknownTypes.size()))
                : pick(ABSENT_POOL);
    }

    private int randomType(List<Integer> unknownTypes) {
        return chance(40) ? pick(new int[] {Type.A, Type.AAAA, Type.TXT, Type.MX}) : absentType(unknownTypes);
    }

    /** New labels: letters, digits, hyphens, underscores; now and then the literal "*". */
    private String label() {
        if (chance(3)) {
            return "*";
        }
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789-_";
        int length = 1 + random.nextInt(chance(10) ? 30 : 8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(chars.charAt(random.nextInt(random.nextInt(10) < 8 ? 26 : chars.length())));
        }
        return out.toString();
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    private static Name parent(Name name) {
        return new Name(name, 1);
    }

    /** {@code labels} below {@code parent}, or null when that would exceed 255 octets. */
    private static Name child(String labels, Name parent) {
        try {
            return Name.fromString(labels, parent);
        } catch (TextParseException e) {
            return null;
        }
    }
}
