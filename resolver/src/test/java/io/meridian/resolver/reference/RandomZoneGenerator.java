package io.meridian.resolver.reference;

import io.meridian.resolver.reference.KnotServer.ZoneFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Writes three random but valid zones from a seed, for {@link RandomZoneDifferentialTest}: a
 * zone {@code <x>.test.}, a zone {@code <y>.example.}, and a zone nested inside the latter (which
 * holds NS, glue and DS for it). Each has some 200 to 400 names, one to four labels below its
 * apex, carrying whatever the answer algorithm has to get right: CNAME chains (in-zone, out of
 * zone, dangling, looping, into wildcards and below delegations), wildcards at several depths
 * (beside existing children, owning CNAME or MX, or with nothing but children of their own),
 * delegations with in-bailiwick, sibling and out-of-bailiwick name servers and DS, empty
 * non-terminals, MX/SRV/NS targets of every kind, RRsets larger than 512 and 1232 bytes, and
 * RFC 3597 unknown types.
 *
 * <p>"Valid" means what both Knot and Meridian require to load a zone: exactly one SOA, at the
 * apex; NS at the apex; a CNAME alone at its name and never at the apex; every name inside the
 * zone; one TTL per RRset. Everything else a zone may legally hold is fair game. The same seed
 * always writes the same bytes.
 */
public final class RandomZoneGenerator {

    /** Names that no generated zone contains (RFC 2606 names, and a root server). */
    private static final String[] EXTERNAL = {"www.example.org.", "mail.example.net.", "ns1.example.org.",
        "ns2.example.net.", "mx.example.com.", "a.root-servers.net.", "host.invalid."};
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String TXT_CHARS = LETTERS + LETTERS.toUpperCase(Locale.ROOT) + DIGITS + "     -_.=:,;/!@#$%^&*()+[]{}<>?~|'";

    private enum Role { APEX, ENT, HOST, CNAME, CUT, OCCLUDED, WILDCARD }

    /** One RRset: TTL (null for the zone's $TTL) and rdata as master-file text. */
    private static final class RRset {
        final Integer ttl;
        final List<String> rdata = new ArrayList<>();

        RRset(Integer ttl) {
            this.ttl = ttl;
        }
    }

    private static final class Owner {
        /** Absolute and lower-case: the key by which DNS compares names. */
        final String name;
        /** The same name as the zone file mostly spells it, in mixed case. */
        final String spelling;
        final int depth;
        final Owner parent;
        final List<Owner> children = new ArrayList<>();
        final Map<String, RRset> rrsets = new LinkedHashMap<>();
        Role role = Role.ENT;

        Owner(String name, String spelling, int depth, Owner parent) {
            this.name = name;
            this.spelling = spelling;
            this.depth = depth;
            this.parent = parent;
        }

        boolean has(String type) {
            return rrsets.containsKey(type);
        }

        boolean hasAddress() {
            return has("A") || has("AAAA");
        }

        boolean isWildcard() {
            return name.startsWith("*.");
        }
    }

    private final long seed;
    private final Random random;
    private final List<String> elsewhere = new ArrayList<>();

    private RandomZoneGenerator(long seed) {
        this.seed = seed;
        random = new Random(seed);
    }

    /** Writes the zones for {@code seed} into {@code dir}; the list names the parent before its child. */
    public static List<ZoneFile> generate(long seed, Path dir) throws IOException {
        return new RandomZoneGenerator(seed).generate(dir);
    }

    private List<ZoneFile> generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        String testApex = label(3, 10) + ".test.";
        String parentApex = label(3, 10) + ".example.";
        String childApex = (random.nextBoolean() ? "" : label(2, 6) + ".") + label(2, 8) + "." + parentApex;
        childApex = childApex.toLowerCase(Locale.ROOT);

        Zone test = new Zone(testApex.toLowerCase(Locale.ROOT), null);
        test.build();
        elsewhere.addAll(test.sample(6, o -> o.hasAddress() && o.role == Role.HOST));
        Zone parent = new Zone(parentApex.toLowerCase(Locale.ROOT), childApex);
        parent.build();
        elsewhere.addAll(parent.sample(6, o -> o.hasAddress() && o.role == Role.HOST));
        Zone child = new Zone(childApex, null);
        child.build();

        List<ZoneFile> files = new ArrayList<>();
        for (Zone zone : List.of(test, parent, child)) {
            Path file = dir.resolve(zone.apex + "zone");
            Files.writeString(file, zone.render(), StandardCharsets.UTF_8);
            files.add(new ZoneFile(zone.apex, file));
        }
        return files;
    }

    /** One zone being built; {@code childApex}, when set, is a zone hosted below this one. */
    private final class Zone {
        final String apex;
        final String childApex;
        final Map<String, Owner> owners = new LinkedHashMap<>();
        final List<Owner> cuts = new ArrayList<>();
        final List<Owner> wildcards = new ArrayList<>();
        final List<String> unknownTypes = new ArrayList<>();
        final int defaultTtl = pick(60, 300, 3600, 86_400);
        Owner apexOwner;

        Zone(String apex, String childApex) {
            this.apex = apex;
            this.childApex = childApex;
        }

        void build() {
            apexOwner = add(apex, spell(apex), 0, null);
            apexOwner.role = Role.APEX;
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                unknownTypes.add("TYPE" + (65_280 + random.nextInt(255)));
            }
            Owner ns1 = child(apexOwner, "ns1");
            ns1.role = Role.HOST;
            Owner ns2 = child(apexOwner, "ns2");
            ns2.role = Role.HOST;
            Owner www = child(apexOwner, "www");
            www.role = Role.HOST;
            Owner childCut = null;
            if (childApex != null) {
                childCut = ensure(childApex);
                childCut.role = Role.CUT;
            }
            int size = 190 + random.nextInt(160); // wildcards, glue and CNAME chains add some 20-60 more
            while (owners.size() < size) {
                Owner parent = random.nextInt(100) < 30 ? apexOwner : pickOwner(o -> o.depth < 4 && !o.isWildcard());
                String label = label();
                // Room to spare below 255 octets: wildcards, glue and chains add labels later.
                if (parent != null && parent.name.length() + label.length() < 200) {
                    child(parent, label);
                }
            }
            assignRoles();
            addWildcards();
            addCnameChainsAndLoops();
            apexData(ns1, ns2);
            for (Owner o : List.copyOf(owners.values())) {
                if (o.role == Role.HOST || o.role == Role.OCCLUDED
                        || o.role == Role.WILDCARD && "host".equals(wildcardKind.get(o))) {
                    hostData(o);
                }
            }
            for (Owner cut : List.copyOf(cuts)) {
                delegation(cut, cut == childCut);
            }
            // Targets last: MX, SRV, PTR and CNAME may point at any name built above.
            for (Owner o : List.copyOf(owners.values())) {
                pendingTargets(o);
            }
            check();
        }

        /** Per wildcard: "host", "cname" or "ent" (a wildcard whose only content is names below it). */
        final Map<Owner, String> wildcardKind = new LinkedHashMap<>();
        /** Per owner: the target types it still needs rdata for (MX, SRV, PTR, CNAME). */
        final Map<Owner, List<String>> pending = new LinkedHashMap<>();
        /** Fixed CNAME targets (chains and loops), decided before all names exist. */
        final Map<Owner, String> fixedCname = new LinkedHashMap<>();

        Owner add(String name, String spelling, int depth, Owner parent) {
            Owner o = new Owner(name, spelling, depth, parent);
            owners.put(name, o);
            if (parent != null) {
                parent.children.add(o);
            }
            return o;
        }

        /** The child {@code label} of {@code parent}, created if new (labels compare case-insensitively). */
        Owner child(Owner parent, String label) {
            String name = label.toLowerCase(Locale.ROOT) + "." + parent.name;
            Owner existing = owners.get(name);
            if (existing != null) {
                return existing;
            }
            Owner o = add(name, label + "." + parent.spelling, parent.depth + 1, parent);
            if (underCut(parent)) {
                o.role = Role.OCCLUDED;
            }
            return o;
        }

        /** The owner for an absolute name at or below the apex, with any missing ancestors. */
        Owner ensure(String name) {
            Owner o = owners.get(name);
            if (o != null) {
                return o;
            }
            String rest = name.substring(name.indexOf('.') + 1);
            return child(ensure(rest), name.substring(0, name.indexOf('.')));
        }

        boolean underCut(Owner o) {
            for (Owner up = o; up != null; up = up.parent) {
                if (up.role == Role.CUT) {
                    return true;
                }
            }
            return false;
        }

        boolean coveredByWildcard(String name) {
            // The closest existing ancestor must own a wildcard child (RFC 4592 §3.3.1).
            String up = name;
            while (!owners.containsKey(up)) {
                up = up.substring(up.indexOf('.') + 1);
            }
            return !up.equals(name) && owners.containsKey("*." + up) && !underCut(owners.get(up));
        }

        void assignRoles() {
            for (Owner o : List.copyOf(owners.values())) {
                if (o.role != Role.ENT || o == apexOwner) {
                    continue; // already decided: apex, ns1/ns2/www, the child zone's cut, occluded
                }
                if (childApex != null && childApex.endsWith("." + o.name)) {
                    // Above the hosted child: neither a cut nor a CNAME, or the child would be unreachable.
                    o.role = random.nextBoolean() ? Role.HOST : Role.ENT;
                    continue;
                }
                int roll = random.nextInt(100);
                if (roll < 8 && o.depth <= 3) {
                    o.role = Role.CUT;
                    cuts.add(o);
                    for (Owner below : descendants(o)) {
                        below.role = Role.OCCLUDED;
                    }
                } else if (roll < 22) {
                    o.role = Role.CNAME;
                } else if (!o.children.isEmpty() && random.nextInt(100) < 45) {
                    o.role = Role.ENT;
                } else {
                    o.role = Role.HOST;
                }
            }
            if (childApex != null) {
                Owner cut = owners.get(childApex);
                cuts.add(0, cut);
                for (Owner below : descendants(cut)) {
                    below.role = Role.OCCLUDED;
                }
            }
        }

        List<Owner> descendants(Owner o) {
            List<Owner> out = new ArrayList<>();
            for (Owner c : o.children) {
                out.add(c);
                out.addAll(descendants(c));
            }
            return out;
        }

        void addWildcards() {
            int count = 3 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                Owner parent;
                int roll = random.nextInt(100);
                if (i == 0 || roll < 15) {
                    parent = random.nextInt(3) == 0 ? apexOwner
                            : pickOwner(o -> !o.children.isEmpty() && o.depth <= 3 && !underCut(o) && !o.isWildcard());
                } else if (roll < 60) {
                    // *.x where x has other children: those children are not covered by the wildcard.
                    parent = pickOwner(o -> !o.children.isEmpty() && o.depth <= 3 && !underCut(o) && !o.isWildcard());
                } else if (roll < 93) {
                    parent = pickOwner(o -> o.depth <= 3 && !underCut(o) && !o.isWildcard());
                } else {
                    parent = pickOwner(o -> o.depth <= 3 && o.role == Role.OCCLUDED && !o.isWildcard());
                }
                if (parent == null || owners.containsKey("*." + parent.name)) {
                    continue;
                }
                Owner w = child(parent, "*");
                if (w.role != Role.OCCLUDED) {
                    w.role = Role.WILDCARD;
                }
                wildcards.add(w);
                int kind = random.nextInt(100);
                if (kind < 58 || w.role == Role.OCCLUDED) {
                    wildcardKind.put(w, "host");
                } else if (kind < 88) {
                    wildcardKind.put(w, "cname");
                    w.role = Role.CNAME;
                } else {
                    wildcardKind.put(w, "ent");
                    Owner below = child(w, label());
                    below.role = Role.HOST;
                }
            }
        }

        void addCnameChainsAndLoops() {
            int chains = 2 + random.nextInt(3);
            for (int c = 0; c < chains; c++) {
                int length = 1 + random.nextInt(4);
                List<Owner> links = new ArrayList<>();
                for (int i = 0; i < length; i++) {
                    links.add(freshCname("c" + c + "-" + i + "-"));
                }
                for (int i = 0; i + 1 < links.size(); i++) {
                    fixedCname.put(links.get(i), links.get(i + 1).name);
                }
                // The last link's target is chosen with the other CNAMEs, once every name exists.
            }
            int loops = 1 + random.nextInt(2);
            for (int l = 0; l < loops; l++) {
                int length = 1 + random.nextInt(3);
                List<Owner> links = new ArrayList<>();
                for (int i = 0; i < length; i++) {
                    links.add(freshCname("loop" + l + "-" + i + "-"));
                }
                for (int i = 0; i < links.size(); i++) {
                    fixedCname.put(links.get(i), links.get((i + 1) % links.size()).name);
                }
            }
        }

        Owner freshCname(String prefix) {
            Owner parent = random.nextInt(2) == 0 ? apexOwner
                    : pickOwner(o -> o.depth < 4 && !underCut(o) && !o.isWildcard() && o.role != Role.CUT);
            if (parent == null) {
                parent = apexOwner;
            }
            Owner o = child(parent, prefix + label(1, 6));
            o.role = Role.CNAME;
            return o;
        }

        void apexData(Owner ns1, Owner ns2) {
            int soaTtl = pick(30, 300, 3600, 86_400);
            int minimum = pick(0, 60, 300, 3600, 86_400);
            rrset(apexOwner, "SOA", soaTtl).rdata.add(name(ns1.name) + " " + name("hostmaster." + apex) + " "
                    + (1 + random.nextInt(2_000_000_000)) + " " + pick(3600, 7200) + " " + pick(900, 3600) + " "
                    + pick(604_800, 1_209_600) + " " + minimum);
            RRset ns = rrset(apexOwner, "NS", null);
            ns.rdata.add(name(ns1.name));
            if (random.nextBoolean()) {
                ns.rdata.add(name(ns2.name));
            }
            if (random.nextBoolean()) {
                ns.rdata.add(name(external()));
            }
            if (random.nextBoolean()) {
                hostData(apexOwner);
            }
        }

        /** Random data at a name that is neither a CNAME nor a delegation. */
        void hostData(Owner o) {
            boolean srvName = o.name.startsWith("_") || o.name.contains("._");
            boolean glueLike = o.role == Role.OCCLUDED || o.name.startsWith("ns");
            int added = 0;
            while (added == 0) {
                if (chance(glueLike ? 85 : 55)) {
                    addresses(o, "A");
                    added++;
                }
                if (chance(glueLike ? 50 : 35)) {
                    addresses(o, "AAAA");
                    added++;
                }
                if (chance(30)) {
                    txt(o);
                    added++;
                }
                if (chance(o.isWildcard() ? 40 : 14)) {
                    pending(o, "MX");
                    added++;
                }
                if (chance(srvName ? 80 : 7)) {
                    pending(o, "SRV");
                    added++;
                }
                if (chance(7)) {
                    pending(o, "PTR");
                    added++;
                }
                if (chance(8)) {
                    caa(o);
                    added++;
                }
                if (chance(6)) {
                    rrset(o, "HINFO", ttl()).rdata.add(quoted(word(1, 12)) + " " + quoted(word(0, 12)));
                    added++;
                }
                if (chance(6)) {
                    sshfp(o);
                    added++;
                }
                if (chance(8)) {
                    unknown(o);
                    added++;
                }
            }
        }

        void addresses(Owner o, String type) {
            RRset set = rrset(o, type, ttl());
            int count = chance(4) ? 20 + random.nextInt(30) : 1 + random.nextInt(chance(25) ? 4 : 1);
            for (int i = 0; i < count; i++) {
                set.rdata.add(type.equals("A") ? ipv4() : ipv6());
            }
        }

        void txt(Owner o) {
            RRset set = rrset(o, "TXT", ttl());
            int size = random.nextInt(100);
            int records = size < 8 ? 3 + random.nextInt(5) : size < 20 ? 2 + random.nextInt(3) : 1 + random.nextInt(2);
            for (int r = 0; r < records; r++) {
                int strings = 1 + random.nextInt(6);
                StringBuilder text = new StringBuilder();
                for (int s = 0; s < strings; s++) {
                    int length = size < 8 ? 150 + random.nextInt(106)
                            : size < 20 ? 40 + random.nextInt(120)
                            : chance(10) ? 200 + random.nextInt(56) : random.nextInt(40);
                    text.append(s == 0 ? "" : " ").append(txtString(length));
                }
                set.rdata.add(text.toString());
            }
        }

        void caa(Owner o) {
            RRset set = rrset(o, "CAA", ttl());
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                String tag = pick("issue", "issuewild", "iodef");
                String value = tag.equals("iodef") ? "mailto:security@" + apex.substring(0, apex.length() - 1)
                        : chance(20) ? ";" : "ca" + random.nextInt(10) + ".example.net" + (chance(30) ? "; account=" + random.nextInt(100_000) : "");
                set.rdata.add((chance(15) ? 128 : 0) + " " + tag + " " + quoted(value));
            }
        }

        void sshfp(Owner o) {
            RRset set = rrset(o, "SSHFP", ttl());
            for (int i = 0; i < 1 + random.nextInt(2); i++) {
                boolean sha256 = random.nextBoolean();
                String hex = hex(sha256 ? 32 : 20);
                set.rdata.add((1 + random.nextInt(4)) + " " + (sha256 ? 2 : 1) + " "
                        + (random.nextBoolean() ? hex.toUpperCase(Locale.ROOT) : hex));
            }
        }

        /** RFC 3597 §5 generic form, sometimes empty, sometimes with the hex broken into words. */
        void unknown(Owner o) {
            RRset set = rrset(o, unknownTypes.get(random.nextInt(unknownTypes.size())), ttl());
            for (int i = 0; i < 1 + random.nextInt(2); i++) {
                int length = chance(10) ? 0 : 1 + random.nextInt(chance(10) ? 300 : 24);
                StringBuilder rdata = new StringBuilder("\\# " + length);
                int at = 0;
                while (at < length) {
                    int chunk = Math.min(length - at, 1 + random.nextInt(16));
                    rdata.append(' ').append(hex(chunk));
                    at += chunk;
                }
                set.rdata.add(rdata.toString());
            }
        }

        void pending(Owner o, String type) {
            pending.computeIfAbsent(o, k -> new ArrayList<>()).add(type);
        }

        void delegation(Owner cut, boolean hostedChild) {
            RRset ns = rrset(cut, "NS", ttl());
            if (hostedChild) {
                // The child zone's own apex NS ns1 (and its address) live in the child zone file.
                Owner glue = child(cut, "ns1");
                glue.role = Role.OCCLUDED;
                ns.rdata.add(name(glue.name));
                addresses(glue, "A");
                ns.rdata.add(name(elsewhere.isEmpty() ? external() : elsewhere.get(random.nextInt(elsewhere.size()))));
            } else {
                int count = 1 + random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    int kind = random.nextInt(100);
                    if (kind < 45) {
                        // In-bailiwick, usually with glue (sometimes an A, an AAAA, both, or none).
                        Owner glue = child(cut, "ns" + (i + 1) + (chance(30) ? "-" + label(1, 4) : ""));
                        glue.role = Role.OCCLUDED;
                        if (chance(90) && !glue.hasAddress()) {
                            if (chance(80)) {
                                addresses(glue, "A");
                            }
                            if (chance(40) || !glue.hasAddress()) {
                                addresses(glue, "AAAA");
                            }
                        }
                        ns.rdata.add(name(glue.name));
                    } else if (kind < 60 && cuts.size() > 1) {
                        // Sibling glue: a server below another delegation of this zone.
                        Owner other = cuts.get(random.nextInt(cuts.size()));
                        if (other == cut) {
                            continue;
                        }
                        Owner glue = child(other, "ns-" + label(1, 5));
                        glue.role = Role.OCCLUDED;
                        if (!glue.hasAddress()) {
                            addresses(glue, "A");
                        }
                        ns.rdata.add(name(glue.name));
                    } else if (kind < 75) {
                        Owner host = pickOwner(o -> o.hasAddress() && o.role == Role.HOST);
                        ns.rdata.add(name(host != null ? host.name : external()));
                    } else {
                        ns.rdata.add(name(chance(30) && !elsewhere.isEmpty()
                                ? elsewhere.get(random.nextInt(elsewhere.size())) : external()));
                    }
                }
                if (ns.rdata.isEmpty()) {
                    ns.rdata.add(name(external()));
                }
            }
            if (hostedChild || chance(50)) {
                RRset ds = rrset(cut, "DS", ns.ttl);
                for (int i = 0; i < 1 + random.nextInt(2); i++) {
                    boolean sha256 = chance(80);
                    ds.rdata.add(random.nextInt(65_536) + " " + pick(8, 13, 15) + " " + (sha256 ? 2 : 1) + " "
                            + hex(sha256 ? 32 : 20).toUpperCase(Locale.ROOT));
                }
            }
        }

        void pendingTargets(Owner o) {
            if (o.role == Role.CNAME) {
                String target = fixedCname.containsKey(o) ? fixedCname.get(o) : target("CNAME", o);
                rrset(o, "CNAME", ttl()).rdata.add(name(target));
            }
            for (String type : pending.getOrDefault(o, List.of())) {
                RRset set = rrset(o, type, ttl());
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    String target = target(type, o);
                    set.rdata.add(switch (type) {
                        case "MX" -> pick(0, 5, 10, 10, 20, 50, 65_535) + " " + name(target);
                        case "SRV" -> random.nextInt(100) + " " + random.nextInt(100) + " "
                                + pick(25, 53, 443, 5060, 5269, 65_535) + " " + name(target);
                        default -> name(target); // PTR
                    });
                }
            }
        }

        /**
         * A target name for {@code type} at {@code from}: every kind of name an answer may have to
         * chase or leave alone, in proportions that give each kind dozens of instances per seed.
         */
        String target(String type, Owner from) {
            for (int attempt = 0; attempt < 20; attempt++) {
                int roll = random.nextInt(100);
                String t = null;
                if (roll < 30) {
                    Owner h = pickOwner(o -> o.role == Role.HOST && o.hasAddress());
                    t = h == null ? null : h.name;
                } else if (roll < 38) {
                    Owner h = pickOwner(o -> (o.role == Role.HOST || o.role == Role.APEX) && !o.hasAddress());
                    t = h == null ? null : h.name;
                } else if (roll < 48) {
                    // Covered by a wildcard (checked: no existing name blocks it).
                    if (!wildcards.isEmpty()) {
                        Owner w = wildcards.get(random.nextInt(wildcards.size()));
                        String candidate = ((chance(25) ? label() + "." : "") + label() + "." + w.parent.name)
                                .toLowerCase(Locale.ROOT);
                        t = coveredByWildcard(candidate) ? candidate : null;
                    }
                } else if (roll < 56) {
                    // At or below a delegation: glue, occluded data, or a name nobody defined.
                    if (!cuts.isEmpty()) {
                        Owner cut = cuts.get(random.nextInt(cuts.size()));
                        List<Owner> below = descendants(cut);
                        int k = random.nextInt(3);
                        t = k == 0 ? cut.name : k == 1 && !below.isEmpty() ? below.get(random.nextInt(below.size())).name
                                : label().toLowerCase(Locale.ROOT) + "." + cut.name;
                    }
                } else if (roll < 64) {
                    Owner c = pickOwner(o -> o.role == Role.CNAME && o != from);
                    t = c == null ? null : c.name;
                } else if (roll < 70) {
                    Owner e = pickOwner(o -> o.role == Role.ENT && o.rrsets.isEmpty() && !o.children.isEmpty());
                    t = e == null ? null : e.name;
                } else if (roll < 77) {
                    // Dangling: no such name, here or under a wildcard.
                    Owner base = pickOwner(o -> !o.isWildcard());
                    t = base == null ? null : "nx-" + label(1, 8).toLowerCase(Locale.ROOT) + "." + base.name;
                    t = t == null || owners.containsKey(t) || coveredByWildcard(t) ? null : t;
                } else if (roll < 90) {
                    t = chance(40) && !elsewhere.isEmpty() ? elsewhere.get(random.nextInt(elsewhere.size())) : external();
                } else if (roll < 93) {
                    t = apex;
                } else if (roll < 95 && !wildcards.isEmpty()) {
                    t = wildcards.get(random.nextInt(wildcards.size())).name; // the literal "*" name
                } else if (roll < 97 && !type.equals("CNAME")) {
                    t = "."; // RFC 7505 null MX, RFC 2782 "no service"
                } else if (type.equals("CNAME")) {
                    t = from.name; // a CNAME to itself
                }
                if (t != null && t.length() < 250) {
                    return t;
                }
            }
            return external();
        }

        /** The mandatory rules, checked here so that a generator bug fails loudly, not as a difference. */
        void check() {
            int soa = 0;
            for (Owner o : owners.values()) {
                for (Map.Entry<String, RRset> e : o.rrsets.entrySet()) {
                    if (e.getValue().rdata.isEmpty()) {
                        throw new IllegalStateException("empty RRset " + o.name + " " + e.getKey());
                    }
                    if (e.getKey().equals("SOA")) {
                        soa++;
                        if (o != apexOwner) {
                            throw new IllegalStateException("SOA below the apex at " + o.name);
                        }
                    }
                }
                if (o.has("CNAME") && (o.rrsets.size() > 1 || o == apexOwner)) {
                    throw new IllegalStateException("CNAME not alone, or at the apex: " + o.name + " " + o.rrsets.keySet());
                }
                if (o.has("CNAME") && o.rrsets.get("CNAME").rdata.size() != 1) {
                    throw new IllegalStateException("more than one CNAME at " + o.name);
                }
            }
            if (soa != 1 || !apexOwner.has("NS")) {
                throw new IllegalStateException(apex + ": " + soa + " SOA, apex NS " + apexOwner.has("NS"));
            }
        }

        /** The zone file: SOA first, then every other record in random order, owners in mixed forms. */
        String render() {
            List<String> lines = new ArrayList<>();
            String soaLine = null;
            for (Owner o : owners.values()) {
                for (Map.Entry<String, RRset> e : o.rrsets.entrySet()) {
                    for (String rdata : e.getValue().rdata) {
                        String line = owner(o) + (e.getValue().ttl == null ? "" : " " + e.getValue().ttl)
                                + (chance(50) ? " IN" : "") + " " + e.getKey() + " " + rdata;
                        if (e.getKey().equals("SOA")) {
                            soaLine = line;
                        } else {
                            lines.add(line);
                        }
                    }
                }
            }
            Collections.shuffle(lines, random);
            StringBuilder out = new StringBuilder();
            out.append("; written by RandomZoneGenerator, seed ").append(seed).append('\n');
            out.append("$ORIGIN ").append(spell(apex)).append('\n');
            out.append("$TTL ").append(defaultTtl).append('\n');
            out.append(soaLine).append('\n');
            lines.forEach(line -> out.append(line).append('\n'));
            return out.toString();
        }

        /** An owner as written: "@" or relative to $ORIGIN or absolute, sometimes re-cased. */
        String owner(Owner o) {
            String spelled = chance(20) ? spell(o.name) : o.spelling;
            if (o == apexOwner) {
                return chance(50) ? "@" : spelled;
            }
            return chance(50) ? spelled.substring(0, spelled.length() - apex.length() - 1) : spelled;
        }

        RRset rrset(Owner o, String type, Integer ttl) {
            return o.rrsets.computeIfAbsent(type, t -> new RRset(ttl));
        }

        Owner pickOwner(Predicate<Owner> filter) {
            List<Owner> candidates = owners.values().stream().filter(filter).toList();
            return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
        }

        List<String> sample(int count, Predicate<Owner> filter) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Owner o = pickOwner(filter);
                if (o != null && !out.contains(o.name)) {
                    out.add(o.name);
                }
            }
            return out;
        }

        Integer ttl() {
            return chance(30) ? Integer.valueOf(pick(0, 60, 120, 600, 3600, 7200, 86_400)) : null;
        }
    }

    private String external() {
        return EXTERNAL[random.nextInt(EXTERNAL.length)];
    }

    /** A name in rdata: absolute, mixed case ("." stays "."). */
    private String name(String lowerCase) {
        return lowerCase.equals(".") ? "." : spell(lowerCase);
    }

    /** Re-cases letters at random: DNS names compare case-insensitively, so this is the same name. */
    private String spell(String name) {
        StringBuilder out = new StringBuilder(name);
        boolean mixed = chance(40);
        for (int i = 0; i < out.length(); i++) {
            if (mixed && Character.isLetter(out.charAt(i)) && random.nextBoolean()) {
                out.setCharAt(i, Character.toUpperCase(out.charAt(i)));
            }
        }
        return out.toString();
    }

    /** A label of letters, digits, hyphens and underscores, mostly short, sometimes at the 63 limit. */
    private String label() {
        int roll = random.nextInt(100);
        return roll < 2 ? label(63, 63) : roll < 15 ? label(11, 25) : roll < 35 ? label(1, 3) : label(4, 10);
    }

    private String label(int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder out = new StringBuilder();
        boolean upper = chance(30);
        for (int i = 0; i < length; i++) {
            int roll = random.nextInt(100);
            char c = roll < 75 ? LETTERS.charAt(random.nextInt(26)) : roll < 90 ? DIGITS.charAt(random.nextInt(10))
                    : roll < 96 ? '-' : '_';
            out.append(upper && random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    private String word(int min, int max) {
        return label(Math.max(min, 1), Math.max(max, 1)).replace('_', 'x');
    }

    /** A TXT character-string in quotes, with the occasional escape (\", \\ and \DDD). */
    private String txtString(int length) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < length; i++) {
            int roll = random.nextInt(1000);
            if (roll < 4) {
                out.append("\\\"");
            } else if (roll < 7) {
                out.append("\\\\");
            } else if (roll < 10) {
                out.append(String.format("\\%03d", random.nextInt(256)));
            } else {
                out.append(TXT_CHARS.charAt(random.nextInt(TXT_CHARS.length())));
            }
        }
        return out.append('"').toString();
    }

    private static String quoted(String text) {
        return '"' + text + '"';
    }

    private String ipv4() {
        int net = random.nextInt(4);
        String prefix = net == 0 ? "192.0.2." : net == 1 ? "198.51.100." : net == 2 ? "203.0.113." : "10." + random.nextInt(256) + "." + random.nextInt(256) + ".";
        return prefix + random.nextInt(256);
    }

    private String ipv6() {
        int group = random.nextInt(65_536);
        int host = random.nextInt(65_536);
        return random.nextInt(4) == 0
                ? String.format("2001:0db8:0000:%04x:0000:0000:0000:%04x", group, host) // uncompressed
                : String.format("2001:db8:%x::%x", group, host);
    }

    private String hex(int bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            out.append(String.format("%02x", random.nextInt(256)));
        }
        return out.toString();
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private int pick(int... values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }
}
