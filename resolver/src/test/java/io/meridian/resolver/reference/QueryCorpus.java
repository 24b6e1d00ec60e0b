package io.meridian.resolver.reference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Header;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Derives queries from the zone files themselves, so that adding a record to a test zone adds
 * the interesting questions about it (the name, its siblings, names below it, its delegation or
 * wildcard) without anyone listing them by hand.
 *
 * <p>Everything random comes from one seeded {@link Random}, so a failure names a query that the
 * next run sends again, byte for byte.
 */
public final class QueryCorpus {

    /** One query: what it probes (for humans), its exact wire form, and its transport. */
    public record CorpusQuery(String description, byte[] wire, boolean tcp) {
    }

    /** EDNS as the client sends it; {@code null} stands for a query without an OPT record. */
    record Edns(int payload, int version, boolean dnssecOk, boolean unknownOption) {
    }

    /** The knobs that change how a question is asked but not which data it is about. */
    record Profile(boolean rd, boolean cd, boolean ad, Edns edns, boolean tcp, boolean mixedCase) {
    }

    private record Question(String what, Name name, int type) {
    }

    // CAA, HINFO and the private-use 65280 are in no test zone: the server must build NODATA.
    private static final int[] COMMON_TYPES = {Type.A, Type.AAAA, Type.CNAME, Type.MX, Type.NS, Type.SOA,
        Type.TXT, Type.SRV, Type.PTR, Type.DS, Type.ANY, Type.CAA, Type.HINFO, 65280};
    private static final int[] FEW_TYPES = {Type.A, Type.AAAA, Type.MX, Type.TXT, Type.ANY, Type.NS, Type.DS};
    private static final List<Edns> EDNS_VARIANTS = Arrays.asList(null, new Edns(512, 0, false, false),
            new Edns(1232, 0, false, false), new Edns(4096, 0, false, false), new Edns(1232, 1, false, false),
            new Edns(1232, 0, true, false), new Edns(4096, 0, true, true), new Edns(1232, 0, false, true));
    /** Names that no test zone contains, including look-alikes that share a suffix as text. */
    private static final List<String> OUTSIDE = List.of(".", "com.", "net.", "org.", "example.org.",
            "www.example.org.", "xexample.com.", "ample.com.", "com.example.", "example.", "arpa.");

    private final Random random;
    private final List<CorpusQuery> queries = new ArrayList<>();
    /** A handful of questions per zone that every EDNS/transport variant asks. */
    private final List<Question> representatives = new ArrayList<>();
    private final IntSupplier ids;

    private QueryCorpus(long seed) {
        random = new Random(seed);
        ids = uniqueIds(random.nextInt(65_536));
    }

    /** The corpus for {@code zones}; class, opcode and malformed-query cases use the first zone. */
    public static List<CorpusQuery> generate(List<KnotServer.ZoneFile> zones, long seed) throws IOException {
        QueryCorpus corpus = new QueryCorpus(seed);
        List<Name> origins = new ArrayList<>();
        for (KnotServer.ZoneFile zone : zones) {
            Name origin = Name.fromString(zone.origin(), Name.root);
            origins.add(origin);
            corpus.zone(origin, rrsetSizes(zone, origin));
        }
        corpus.outside(origins);
        corpus.variants(origins.get(0));
        return List.copyOf(corpus.queries);
    }

    /** Owner name to (type to total rdata bytes), in canonical order so iteration is stable. */
    private static TreeMap<Name, Map<Integer, Integer>> rrsetSizes(KnotServer.ZoneFile zone, Name origin)
            throws IOException {
        TreeMap<Name, Map<Integer, Integer>> owners = new TreeMap<>();
        try (Master master = new Master(zone.file().toString(), origin)) {
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                owners.computeIfAbsent(r.getName(), n -> new TreeMap<>())
                        .merge(r.getType(), r.rdataToWireCanonical().length, Integer::sum);
            }
        }
        return owners;
    }

    private void zone(Name origin, TreeMap<Name, Map<Integer, Integer>> owners) throws TextParseException {
        Set<Name> cuts = new TreeSet<>();
        Set<Name> emptyNonTerminals = new TreeSet<>();
        Question largest = new Question("largest RRset (truncated over UDP?)", origin, Type.SOA);
        int largestSize = 0;
        for (var owner : owners.entrySet()) {
            Name name = owner.getKey();
            if (!name.equals(origin) && owner.getValue().containsKey(Type.NS)) {
                cuts.add(name);
            }
            for (Name up = parent(name); up.subdomain(origin) && !up.equals(origin); up = parent(up)) {
                if (!owners.containsKey(up)) {
                    emptyNonTerminals.add(up);
                }
            }
            for (var rrset : owner.getValue().entrySet()) {
                if (rrset.getValue() > largestSize) {
                    largestSize = rrset.getValue();
                    largest = new Question(largest.what(), name, rrset.getKey());
                }
            }
        }
        for (Name name : owners.keySet()) {
            for (int type : COMMON_TYPES) {
                add("owner", name, type);
            }
            add("name below an existing name", child("nx" + random.nextInt(1000), name), pick(FEW_TYPES));
            if (!name.equals(origin)) {
                add("sibling of an existing name", child("nx" + random.nextInt(1000), parent(name)), pick(FEW_TYPES));
            }
        }
        add("nxdomain several labels deep", child("a.b.c.nx-deep", origin), Type.A);
        for (Name ent : emptyNonTerminals) {
            for (int type : new int[] {Type.A, Type.TXT, Type.NS, Type.ANY}) {
                add("empty non-terminal", ent, type);
            }
            add("nxdomain below empty non-terminal", child("nx", ent), pick(FEW_TYPES));
        }
        representatives.addAll(List.of(new Question("apex ANY", origin, Type.ANY),
                new Question("apex SOA", origin, Type.SOA), largest,
                new Question("nxdomain", child("nx-variant", origin), Type.A)));
        for (Name name : owners.keySet()) {
            if (name.isWild()) {
                wildcard(name, owners.keySet());
                representatives.add(new Question("wildcard", child("w-variant", parent(name)), Type.MX));
            }
        }
        for (Name cut : cuts) {
            delegation(cut, owners.keySet());
            representatives.add(new Question("referral", child("www", cut), Type.A));
        }
    }

    private void wildcard(Name wildcard, Set<Name> owners) throws TextParseException {
        Name closest = parent(wildcard);
        int[] types = {Type.A, Type.AAAA, Type.MX, Type.TXT, Type.ANY, Type.CNAME, Type.NS, Type.DS};
        for (int type : types) {
            add("wildcard match, one label", child("w" + random.nextInt(1000), closest), type);
            add("wildcard match, two labels", child("x.y" + random.nextInt(1000), closest), type);
            add("literal wildcard name", wildcard, type);
            add("name below the literal wildcard", child("z", wildcard), type);
        }
        for (Name name : owners) {
            // A name that exists under the wildcard's parent blocks synthesis for itself and below.
            if (name.subdomain(closest) && !name.equals(closest) && !name.isWild()) {
                for (int type : types) {
                    add("existing name beside a wildcard", name, type);
                    add("name below an existing name beside a wildcard", child("below", name), type);
                }
            }
        }
    }

    private void delegation(Name cut, Set<Name> owners) throws TextParseException {
        int[] types = {Type.NS, Type.DS, Type.A, Type.AAAA, Type.SOA, Type.ANY, Type.MX, Type.TXT, Type.DNSKEY};
        for (int type : types) {
            add("at delegation point", cut, type);
            add("below delegation point", child("www", cut), type);
            add("deep below delegation point", child("a.b", cut), type);
        }
        for (Name name : owners) {
            if (name.subdomain(cut) && !name.equals(cut)) {
                for (int type : new int[] {Type.A, Type.AAAA, Type.NS, Type.DS, Type.ANY}) {
                    add("glue or occluded name below delegation", name, type);
                }
            }
        }
    }

    private void outside(List<Name> origins) throws TextParseException {
        for (String text : OUTSIDE) {
            Name name = Name.fromString(text);
            if (origins.stream().noneMatch(name::subdomain)) {
                for (int type : new int[] {Type.A, Type.SOA, Type.NS, Type.ANY, Type.DS}) {
                    add("outside every zone", name, type);
                }
            }
        }
    }

    /** Header, class, opcode, EDNS and transport variants of a few representative questions. */
    private void variants(Name apex) throws TextParseException {
        for (Question q : representatives) {
            for (Edns edns : EDNS_VARIANTS) {
                for (int rdTcp = 0; rdTcp < 4; rdTcp++) {
                    Profile p = new Profile((rdTcp & 1) != 0, random.nextInt(4) == 0, random.nextInt(4) == 0,
                            edns, (rdTcp & 2) != 0, random.nextBoolean());
                    add("variant of " + q.what(), 0, q.name(), q.type(), DClass.IN, p);
                }
            }
        }
        for (String text : new String[] {"version.bind.", "version.server.", "id.server.", "hostname.bind."}) {
            add("chaos class", 0, Name.fromString(text), Type.TXT, DClass.CH, randomProfile());
        }
        for (int dclass : new int[] {DClass.CH, DClass.HS, DClass.ANY, DClass.NONE}) {
            for (int type : new int[] {Type.SOA, Type.A, Type.ANY}) {
                add("odd class", 0, apex, type, dclass, randomProfile());
                add("odd class", 0, child("nx-class", apex), type, dclass, randomProfile());
            }
        }
        for (int opcode : new int[] {1, 2, 3, 4, 5, 6, 15}) {
            for (boolean tcp : new boolean[] {false, true}) {
                Profile p = new Profile(random.nextBoolean(), false, false, null, tcp, false);
                add("opcode " + opcode, opcode, apex, Type.SOA, DClass.IN, p);
                add("opcode " + opcode + ", no question", opcode, null, 0, 0, p);
            }
        }
        for (int flags = 0; flags < 8; flags++) {
            Profile p = new Profile((flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0,
                    EDNS_VARIANTS.get(2), false, false);
            add("RD/CD/AD combination", 0, apex, Type.A, DClass.IN, p);
            add("RD/CD/AD combination", 0, child("nx-flags", apex), Type.A, DClass.IN, p);
        }
        for (int type : new int[] {Type.AXFR, Type.IXFR, Type.OPT, Type.RRSIG, Type.NSEC, 0, Type.MAILB, 128}) {
            add("meta or DNSSEC type", apex, type);
        }
        // Last, so that nothing is pipelined behind a query that makes a server close the connection.
        MalformedQueries.build(apex, this::nextId).forEach(queries::add);
    }

    private void add(String what, Name name, int type) {
        add(what, 0, name, type, DClass.IN, randomProfile());
    }

    private void add(String what, int opcode, Name name, int type, int dclass, Profile p) {
        int id = nextId();
        Name qname = name != null && p.mixedCase() ? mixCase(name, random) : name;
        queries.add(encode(what, id, opcode, qname, type, dclass, p));
    }

    /**
     * One query in wire form, {@code qname} exactly as given (letter case included; null for a
     * query without a question), described for the report as {@code what: question [knobs]}.
     */
    static CorpusQuery encode(String what, int id, int opcode, Name qname, int type, int dclass, Profile p) {
        Message message = new Message(id); // no flags set yet
        Header header = message.getHeader();
        header.setOpcode(opcode);
        if (p.rd()) {
            header.setFlag(Flags.RD);
        }
        if (p.cd()) {
            header.setFlag(Flags.CD);
        }
        if (p.ad()) {
            header.setFlag(Flags.AD);
        }
        String question = "(no question)";
        if (qname != null) {
            message.addRecord(Record.newRecord(qname, type, dclass), Section.QUESTION);
            question = qname + " " + Type.string(type) + " " + DClass.string(dclass);
        }
        Edns e = p.edns();
        if (e != null) {
            // 65001 is in the local/experimental range: no server knows it, so all must ignore it.
            EDNSOption[] options = e.unknownOption()
                    ? new EDNSOption[] {new GenericEDNSOption(65_001, new byte[] {1, 2, 3})}
                    : new EDNSOption[0];
            int flags = e.dnssecOk() ? ExtendedFlags.DO : 0;
            message.addRecord(new OPTRecord(e.payload(), 0, e.version(), flags, options), Section.ADDITIONAL);
        }
        String knobs = (p.tcp() ? "tcp" : "udp") + (p.rd() ? " rd" : "") + (p.cd() ? " cd" : "")
                + (p.ad() ? " ad" : "") + (e == null ? " no-edns" : " edns=" + e.payload()
                + (e.version() != 0 ? " v" + e.version() : "") + (e.dnssecOk() ? " do" : "")
                + (e.unknownOption() ? " opt65001" : ""));
        return new CorpusQuery(what + ": " + question + " [" + knobs + "]", message.toWire(), p.tcp());
    }

    private int nextId() {
        return ids.getAsInt();
    }

    /**
     * IDs that step through all 65536 values before any repeats (an odd step is coprime to
     * 2^16), so within a corpus of fewer queries IDs are unique and pipelined TCP answers can be
     * matched to their queries.
     */
    static IntSupplier uniqueIds(int first) {
        int[] last = {first};
        return () -> {
            last[0] = (last[0] + 40_503) & 0xffff;
            return last[0];
        };
    }

    /** Mostly EDNS at 1232 like today's resolvers, with every other variant well represented. */
    private Profile randomProfile() {
        int roll = random.nextInt(100);
        Edns edns = roll < 20 ? null : new Edns(roll < 30 ? 512 : roll < 75 ? 1232 : 4096,
                random.nextInt(100) < 3 ? 1 : 0, random.nextInt(100) < 30, random.nextInt(100) < 10);
        return new Profile(random.nextBoolean(), random.nextInt(100) < 5, random.nextInt(100) < 5, edns,
                random.nextInt(100) < 15, random.nextBoolean());
    }

    /** DNS 0x20: a server must match names ignoring case but echo the question's case exactly. */
    static Name mixCase(Name name, Random random) {
        StringBuilder text = new StringBuilder(name.toString());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c) && random.nextBoolean()) {
                text.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
            }
        }
        return Name.fromConstantString(text.toString());
    }

    private int pick(int[] types) {
        return types[random.nextInt(types.length)];
    }

    private static Name parent(Name name) {
        return new Name(name, 1);
    }

    private static Name child(String labels, Name parent) throws TextParseException {
        return Name.fromString(labels, parent);
    }
}
