package io.meridian.resolver.zone;

import io.meridian.resolver.wire.EncodedRRset;
import io.meridian.resolver.wire.RRsetEncoder;
import io.meridian.resolver.wire.Types;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Compiles a validated zone (dnsjava records, off the hot path) into a {@link ServingZone}:
 * nodes with pre-encoded RRsets, empty non-terminals, zone cuts, wildcard links, additional
 * targets and CNAME targets resolved once here rather than on every query.
 */
public final class ZoneCompiler {
    private ZoneCompiler() {
    }

    public static ServingZone compile(ZoneContent zone) {
        return compile(zone, RoutingContext.NONE);
    }

    /** Compiles plain records and routed record sets; {@code routing} gives health slots and CIDR blocks. */
    public static ServingZone compile(ZoneContent zone, RoutingContext routing) {
        org.xbill.DNS.Name origin = zone.origin();
        byte[] apexLower = origin.toWireCanonical();
        int apexLabels = origin.labels() - 1;
        Map<Key, List<Record>> rrsets = groupRRsets(zone.records());
        Map<ByteKey, Node> nodes = new HashMap<>(capacity(rrsets.size() + zone.routed().size()));
        Node apex = nodeFor(origin, nodes);
        for (Map.Entry<Key, List<Record>> e : rrsets.entrySet()) {
            nodeAndAncestors(e.getKey().name(), e.getValue().get(0).getName(), origin, nodes);
        }
        for (RecordSet s : zone.routed()) {
            nodeAndAncestors(ByteKey.of(s.name()), s.name(), origin, nodes);
        }
        Map<Node, List<List<Record>>> byNode = new HashMap<>(capacity(nodes.size()));
        for (Map.Entry<Key, List<Record>> e : rrsets.entrySet()) {
            byNode.computeIfAbsent(nodes.get(e.getKey().name()), k -> new ArrayList<>(2)).add(e.getValue());
        }
        SOARecord soa = zone.soa();
        for (Map.Entry<Node, List<List<Record>>> e : byNode.entrySet()) {
            List<List<Record>> sets = e.getValue();
            sets.sort(Comparator.comparingInt(s -> s.get(0).getType()));
            Node node = e.getKey();
            node.rrsets = new EncodedRRset[sets.size()];
            node.cnameTargets = new CnameTarget[sets.size()];
            node.additional = new AdditionalTarget[sets.size()][];
            for (int i = 0; i < sets.size(); i++) {
                node.rrsets[i] = encode(sets.get(i), sets.get(i).get(0).getTTL());
                node.cnameTargets[i] = cnameTarget(sets.get(i), origin);
            }
        }
        linkCutsAndWildcards(nodes, origin);
        Function<byte[], Node> lookup = name -> nodes.get(new ByteKey(name));
        for (Map.Entry<Node, List<List<Record>>> e : byNode.entrySet()) {
            List<List<Record>> sets = e.getValue();
            for (int i = 0; i < sets.size(); i++) {
                e.getKey().additional[i] = additionalTargets(e.getKey(), sets.get(i), lookup, origin);
            }
        }
        attachRouted(zone.routed(), lookup, origin, routing);
        NameTable<Node> table = new NameTable<>(nodes.size());
        for (Node n : nodes.values()) {
            table.put(n.lowerName, n);
        }
        EncodedRRset negativeSoa = encode(List.of(soa), Math.min(soa.getTTL(), soa.getMinimum()));
        return new ServingZone(origin.toString(), apexLower, apexLabels, apex, negativeSoa, table,
                soa.getSerial(), zone.records().size());
    }

    /**
     * Compiles routed record sets onto nodes that already exist (named by lower-case wire name) and
     * whose cuts and wildcards are linked: the last step of {@link #compile}, and all that loading a
     * persisted serving view ({@link ZoneImage}) has to redo, since health slots and CIDR blocks are
     * this process's.
     */
    static void attachRouted(List<RecordSet> routed, Function<byte[], Node> nodes, org.xbill.DNS.Name origin,
                             RoutingContext routing) {
        Map<Node, List<PolicyGroup>> policiesByNode = new HashMap<>();
        for (List<RecordSet> group : PolicyCompiler.byNameAndType(routed).values()) {
            policiesByNode.computeIfAbsent(existing(nodes, group.get(0).name()), k -> new ArrayList<>())
                    .add(PolicyCompiler.compile(group, origin, routing));
        }
        policiesByNode.forEach((node, groups) -> node.policies = groups.toArray(new PolicyGroup[0]));
        for (RecordSet s : routed) {
            Node node = existing(nodes, s.name());
            PolicyGroup g = node.policy(s.type());
            for (Candidate c : g.candidates) {
                if (java.util.Objects.equals(c.setIdentifier, s.setIdentifier()) && c.rrset != null) {
                    c.additional = additionalTargets(node, s.records(), nodes, origin);
                }
            }
        }
    }

    private static Node existing(Function<byte[], Node> nodes, org.xbill.DNS.Name name) {
        Node node = nodes.apply(name.toWireCanonical());
        if (node == null) {
            throw new IllegalStateException("no node for the routed name " + name);
        }
        return node;
    }

    private static int capacity(int entries) {
        return Math.max(16, (int) (entries / 0.75f) + 1);
    }

    /** RRsets by (owner, type), duplicates dropped, each in canonical order (see {@link #sortCanonically}). */
    private static Map<Key, List<Record>> groupRRsets(List<Record> records) {
        Map<Key, List<Record>> sets = new LinkedHashMap<>(capacity(records.size()));
        for (Record r : records) {
            sets.computeIfAbsent(new Key(ByteKey.of(r.getName()), r.getType()), k -> new ArrayList<>(1)).add(r);
        }
        for (List<Record> set : sets.values()) {
            if (set.size() > 1) {
                Set<ByteKey> seen = new HashSet<>();
                set.removeIf(r -> !seen.add(new ByteKey(r.rdataToWireCanonical())));
                sortCanonically(set);
            }
        }
        return sets;
    }

    private static Node nodeFor(org.xbill.DNS.Name name, Map<ByteKey, Node> nodes) {
        return nodes.computeIfAbsent(ByteKey.of(name), k -> new Node(k.bytes, ownerWire(k.bytes, name)));
    }

    /** The node for {@code name} and, up to the apex, each ancestor not yet made (an empty non-terminal until it gets records). */
    private static void nodeAndAncestors(ByteKey key, org.xbill.DNS.Name name, org.xbill.DNS.Name origin, Map<ByteKey, Node> nodes) {
        if (nodes.containsKey(key)) {
            return;
        }
        nodes.put(key, new Node(key.bytes, ownerWire(key.bytes, name)));
        for (org.xbill.DNS.Name n = parent(name); n.labels() > origin.labels(); n = parent(n)) {
            ByteKey k = ByteKey.of(n);
            if (nodes.containsKey(k)) {
                return; // its ancestors were made with it
            }
            nodes.put(k, new Node(k.bytes, ownerWire(k.bytes, n)));
        }
    }

    /** The owner in the zone's case, sharing the lower-case array when they are the same bytes (most zones). */
    private static byte[] ownerWire(byte[] lower, org.xbill.DNS.Name name) {
        byte[] wire = name.toWire();
        return Arrays.equals(wire, lower) ? lower : wire;
    }

    private static org.xbill.DNS.Name parent(org.xbill.DNS.Name n) {
        return new org.xbill.DNS.Name(n, 1);
    }

    /** Encodes one RRset (already in canonical order), marking the RDATA names RFC 1035 lets us compress. */
    static EncodedRRset encode(List<Record> set, long ttl) {
        Record first = set.get(0);
        RRsetEncoder enc = new RRsetEncoder(first.getType(), first.getDClass(), ttl);
        for (Record r : set) {
            if (r instanceof NSRecord ns) {
                enc.name(ns.getTarget().toWire(), true);
            } else if (r instanceof CNAMERecord c) {
                enc.name(c.getTarget().toWire(), true);
            } else if (r instanceof PTRRecord p) {
                enc.name(p.getTarget().toWire(), true);
            } else if (r instanceof MXRecord mx) {
                enc.bytes(new byte[] {(byte) (mx.getPriority() >>> 8), (byte) mx.getPriority()});
                enc.name(mx.getTarget().toWire(), true);
            } else if (r instanceof SOARecord soa) {
                enc.name(soa.getHost().toWire(), true).name(soa.getAdmin().toWire(), true);
                byte[] tail = new byte[20];
                long[] v = {soa.getSerial(), soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum()};
                for (int i = 0; i < 5; i++) {
                    io.meridian.resolver.wire.Header.putU32(tail, i * 4, v[i]);
                }
                enc.bytes(tail);
            } else {
                enc.bytes(rdata(r));
            }
            enc.endRecord();
        }
        return enc.build();
    }

    /**
     * Records in the order Knot DNS keeps them, RDATA compared as unsigned bytes, a shorter one
     * first when one is a prefix of the other (RFC 4034 §6.3). Additional data follows this order,
     * which decides what fits when space runs short.
     */
    static void sortCanonically(List<Record> set) {
        if (set.size() < 2) {
            return;
        }
        Map<Record, byte[]> keys = new IdentityHashMap<>();
        set.forEach(r -> keys.put(r, rdata(r)));
        set.sort((x, y) -> Arrays.compareUnsigned(keys.get(x), keys.get(y)));
    }

    /** RDATA exactly as the zone gave it (case kept, no compression). */
    static byte[] rdata(Record r) {
        byte[] full = r.toWire(Section.ANSWER);
        return Arrays.copyOfRange(full, r.getName().length() + 10, full.length);
    }

    static CnameTarget cnameTarget(List<Record> set, org.xbill.DNS.Name origin) {
        if (!(set.get(0) instanceof CNAMERecord c)) {
            return null;
        }
        org.xbill.DNS.Name target = c.getTarget();
        byte[] inZone = target.subdomain(origin) ? target.toWire() : null;
        return new CnameTarget(io.meridian.resolver.wire.Name.of(target.toWireCanonical()), inZone);
    }

    /**
     * Where the A/AAAA for each NS, MX or SRV target come from: the target's node, or the wildcard
     * that covers it (not below a zone cut). Glue below a delegation is marked as required.
     */
    private static AdditionalTarget[] additionalTargets(Node owner, List<Record> set, Function<byte[], Node> nodes,
                                                        org.xbill.DNS.Name origin) {
        List<AdditionalTarget> targets = new ArrayList<>();
        boolean referral = set.get(0) instanceof NSRecord && owner.cut == owner;
        for (Record r : set) {
            org.xbill.DNS.Name t = r instanceof NSRecord ns ? ns.getTarget()
                    : r instanceof MXRecord mx ? mx.getTarget()
                    : r instanceof SRVRecord srv ? srv.getTarget() : null;
            if (t == null || !t.subdomain(origin)) {
                continue;
            }
            AdditionalTarget found = findTarget(t, nodes, origin, referral ? owner : null);
            if (found == null || (found.node().get(Types.A) == null && found.node().get(Types.AAAA) == null)) {
                continue;
            }
            if (targets.stream().noneMatch(x -> x.node() == found.node() && Arrays.equals(x.ownerWire(), found.ownerWire()))) {
                targets.add(found);
            }
        }
        return targets.isEmpty() ? null : targets.toArray(new AdditionalTarget[0]);
    }

    private static AdditionalTarget findTarget(org.xbill.DNS.Name target, Function<byte[], Node> nodes,
                                               org.xbill.DNS.Name origin, Node delegation) {
        Node exact = nodes.apply(target.toWireCanonical());
        if (exact != null) {
            return new AdditionalTarget(exact, exact.ownerWire, delegation != null && exact.cut == delegation);
        }
        for (org.xbill.DNS.Name n = parent(target); n.labels() >= origin.labels(); n = parent(n)) {
            Node encloser = nodes.apply(n.toWireCanonical());
            if (encloser != null) {
                return encloser.cut == null && encloser.wildcard != null
                        ? new AdditionalTarget(encloser.wildcard, target.toWire(), false) : null;
            }
        }
        return null;
    }

    /** Sets each node's nearest zone cut and each parent's wildcard child, shallowest names first. */
    private static void linkCutsAndWildcards(Map<ByteKey, Node> nodes, org.xbill.DNS.Name origin) {
        List<Node> ordered = new ArrayList<>(nodes.values());
        ordered.sort(Comparator.comparingInt(n -> labelCount(n.lowerName)));
        int apexLabels = labelCount(origin.toWireCanonical());
        for (Node n : ordered) {
            int labels = labelCount(n.lowerName);
            if (labels == apexLabels) {
                continue;
            }
            byte[] parentName = Arrays.copyOfRange(n.lowerName, 1 + (n.lowerName[0] & 0xFF), n.lowerName.length);
            Node parent = nodes.get(new ByteKey(parentName));
            n.cut = parent.cut != null ? parent.cut : (n.get(Types.NS) != null ? n : null);
            if (n.lowerName[0] == 1 && n.lowerName[1] == '*') {
                parent.wildcard = n;
            }
        }
    }

    static int labelCount(byte[] wire) {
        int count = 0;
        for (int p = 0; wire[p] != 0; p += 1 + (wire[p] & 0xFF)) {
            count++;
        }
        return count;
    }

    private record Key(ByteKey name, int type) {
    }

    /** A lower-case wire name usable as a map key during compilation. */
    record ByteKey(byte[] bytes) {
        static ByteKey of(org.xbill.DNS.Name name) {
            return new ByteKey(name.toWireCanonical());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
