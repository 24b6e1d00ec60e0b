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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
        return compile(zone, RecordsByOwner.of(zone.records()), routing);
    }

    /** {@link #compile(ZoneContent, RoutingContext)} when the caller has grouped the records already (left unchanged). */
    public static ServingZone compile(ZoneContent zone, List<RecordsByOwner.Owner> owners, RoutingContext routing) {
        org.xbill.DNS.Name origin = zone.origin();
        byte[] apexLower = origin.toWireCanonical();
        int apexLabels = origin.labels() - 1;
        Tree tree = new Tree(owners.size() + zone.routed().size() + 1, apexLabels);
        Node apex = tree.at(apexLower, RecordWire.name(origin), apexLabels);
        // Only NS, MX and SRV sets can have additional targets; they are linked once every node exists.
        List<PendingAdditional> pending = new ArrayList<>();
        for (RecordsByOwner.Owner o : owners) {
            Node node = tree.at(o.lowerName(), RecordWire.name(o.name()), o.name().labels() - 1);
            List<List<Record>> sets = rrsets(o.records());
            node.rrsets = new EncodedRRset[sets.size()];
            node.cnameTargets = Node.noCnameTargets(sets.size());
            node.additional = Node.noAdditional(sets.size());
            for (int i = 0; i < sets.size(); i++) {
                List<Record> set = sets.get(i);
                node.rrsets[i] = encode(set, set.get(0).getTTL());
                int type = set.get(0).getType();
                if (type == Types.CNAME) {
                    node.cnameTargets = new CnameTarget[sets.size()];
                    node.cnameTargets[i] = cnameTarget(set, origin);
                } else if (type == Types.NS || type == Types.MX || type == Types.SRV) {
                    pending.add(new PendingAdditional(node, i, set));
                }
            }
        }
        for (RecordSet s : zone.routed()) {
            tree.at(s.name().toWireCanonical(), RecordWire.name(s.name()), s.name().labels() - 1);
        }
        tree.linkCutsAndWildcards();
        Function<byte[], Node> lookup = tree::get;
        for (PendingAdditional p : pending) {
            AdditionalTarget[] targets = additionalTargets(p.node, p.set, lookup, origin);
            if (targets != null) {
                if (p.node.additional == Node.noAdditional(p.node.rrsets.length)) {
                    p.node.additional = new AdditionalTarget[p.node.rrsets.length][];
                }
                p.node.additional[p.index] = targets;
            }
        }
        attachRouted(zone.routed(), lookup, origin, routing);
        SOARecord soa = zone.soa();
        EncodedRRset negativeSoa = encode(List.of(soa), Math.min(soa.getTTL(), soa.getMinimum()));
        return new ServingZone(origin.toString(), apexLower, apexLabels, apex, negativeSoa, tree.byName,
                soa.getSerial(), zone.records().size());
    }

    /** An NS, MX or SRV set whose additional targets are found once the whole tree exists. */
    private record PendingAdditional(Node node, int index, List<Record> set) {
    }

    /**
     * An owner's records as RRsets in type order, duplicates dropped, each in canonical order (see
     * {@link #sortCanonically}).
     */
    private static List<List<Record>> rrsets(List<Record> ownerRecords) {
        if (ownerRecords.size() == 1) {
            return List.of(ownerRecords);
        }
        List<Record> records = new ArrayList<>(ownerRecords);
        records.sort(Comparator.comparingInt(Record::getType));
        List<List<Record>> sets = new ArrayList<>(2);
        for (int from = 0; from < records.size(); ) {
            int type = records.get(from).getType();
            int to = from + 1;
            while (to < records.size() && records.get(to).getType() == type) {
                to++;
            }
            List<Record> set = new ArrayList<>(records.subList(from, to));
            if (set.size() > 1) {
                Set<ByteKey> seen = new HashSet<>();
                set.removeIf(r -> !seen.add(new ByteKey(r.rdataToWireCanonical())));
                sortCanonically(set);
            }
            sets.add(set);
            from = to;
        }
        return sets;
    }

    /**
     * The zone's nodes while it is compiled: by lower-case name (the table the compiled zone keeps),
     * and in the order they were made, which puts every node after its parent (so cuts and
     * wildcards link in one pass, top down).
     */
    private static final class Tree {
        final NameTable<Node> byName;
        private final int apexLabels;
        final List<Node> created = new ArrayList<>();
        /** Same index as {@link #created}: each node's parent (null for the apex). */
        private final List<Node> parents = new ArrayList<>();

        Tree(int expectedNodes, int apexLabels) {
            this.byName = new NameTable<>(expectedNodes);
            this.apexLabels = apexLabels;
        }

        Node get(byte[] lowerName) {
            return byName.get(lowerName);
        }

        /**
         * The node for a name at or below the apex, made if missing, with each missing ancestor (an
         * empty non-terminal until it gets records). {@code wire} is the name in the zone's case.
         */
        Node at(byte[] lower, byte[] wire, int labels) {
            Node node = get(lower);
            if (node != null) {
                return node;
            }
            Node parent = null;
            if (labels > apexLabels) {
                int skip = 1 + (lower[0] & 0xFF);
                parent = at(Arrays.copyOfRange(lower, skip, lower.length), Arrays.copyOfRange(wire, skip, wire.length), labels - 1);
            }
            // The owner in the zone's case shares the lower-case array when they are the same bytes (most zones).
            node = new Node(lower, Arrays.equals(wire, lower) ? lower : wire);
            byName.put(lower, node);
            created.add(node);
            parents.add(parent);
            return node;
        }

        /** Sets each node's nearest zone cut and each parent's wildcard child; parents come first in {@link #created}. */
        void linkCutsAndWildcards() {
            for (int i = 0; i < created.size(); i++) {
                Node n = created.get(i);
                Node parent = parents.get(i);
                if (parent == null) {
                    continue; // the apex: never a cut
                }
                n.cut = parent.cut != null ? parent.cut : (n.get(Types.NS) != null ? n : null);
                if (n.lowerName[0] == 1 && n.lowerName[1] == '*') {
                    parent.wildcard = n;
                }
            }
        }
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

    private static org.xbill.DNS.Name parent(org.xbill.DNS.Name n) {
        return new org.xbill.DNS.Name(n, 1);
    }

    /** Encodes one RRset (already in canonical order), marking the RDATA names RFC 1035 lets us compress. */
    static EncodedRRset encode(List<Record> set, long ttl) {
        Record first = set.get(0);
        RRsetEncoder enc = new RRsetEncoder(first.getType(), first.getDClass(), ttl);
        for (Record r : set) {
            if (r instanceof NSRecord ns) {
                enc.name(RecordWire.name(ns.getTarget()), true);
            } else if (r instanceof CNAMERecord c) {
                enc.name(RecordWire.name(c.getTarget()), true);
            } else if (r instanceof PTRRecord p) {
                enc.name(RecordWire.name(p.getTarget()), true);
            } else if (r instanceof MXRecord mx) {
                enc.bytes(new byte[] {(byte) (mx.getPriority() >>> 8), (byte) mx.getPriority()});
                enc.name(RecordWire.name(mx.getTarget()), true);
            } else if (r instanceof SOARecord soa) {
                enc.name(RecordWire.name(soa.getHost()), true).name(RecordWire.name(soa.getAdmin()), true);
                byte[] tail = new byte[20];
                long[] v = {soa.getSerial(), soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum()};
                for (int i = 0; i < 5; i++) {
                    io.meridian.resolver.wire.Header.putU32(tail, i * 4, v[i]);
                }
                enc.bytes(tail);
            } else {
                enc.bytes(RecordWire.rdata(r));
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
        set.forEach(r -> keys.put(r, RecordWire.rdata(r)));
        set.sort((x, y) -> Arrays.compareUnsigned(keys.get(x), keys.get(y)));
    }

    static CnameTarget cnameTarget(List<Record> set, org.xbill.DNS.Name origin) {
        if (!(set.get(0) instanceof CNAMERecord c)) {
            return null;
        }
        org.xbill.DNS.Name target = c.getTarget();
        byte[] inZone = target.subdomain(origin) ? RecordWire.name(target) : null;
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
                        ? new AdditionalTarget(encloser.wildcard, RecordWire.name(target), false) : null;
            }
        }
        return null;
    }

    static int labelCount(byte[] wire) {
        int count = 0;
        for (int p = 0; wire[p] != 0; p += 1 + (wire[p] & 0xFF)) {
            count++;
        }
        return count;
    }

    /** A lower-case wire name usable as a map key during compilation. */
    record ByteKey(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return io.meridian.resolver.wire.NameHash.of(bytes);
        }
    }
}
