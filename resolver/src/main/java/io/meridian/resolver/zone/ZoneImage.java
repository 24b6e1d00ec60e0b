package io.meridian.resolver.zone;

import io.meridian.resolver.wire.EncodedRRset;
import io.meridian.resolver.wire.Name;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * A compiled zone as bytes, so a restart maps it back instead of re-reading every record through
 * dnsjava and compiling it again (DESIGN.md: the persisted serving view). It holds the nodes, their
 * pre-encoded RRsets, CNAME and additional-section targets, cuts and wildcards; routed record sets
 * are only named (their owners), because their health slots and CIDR blocks belong to the process
 * that loads them: the loader reads those few sets from the store and compiles them onto the nodes
 * ({@link ZoneCompiler#attachRouted}).
 *
 * <p>An image is a cache of the store, never a source of truth: it carries the stamp of the store
 * state it was compiled from (the zone's metadata: generation, serial, identity, last change) and a
 * CRC-32 of its body, and {@link #read} refuses one whose stamp or checksum differs, or whose format
 * is another; the caller then compiles from the store as before.
 *
 * <p>Layout (big-endian): magic, format, stamp; the body: origin, serial, record count, node count,
 * apex index, negative SOA, each node (its length first, so names can be read in a first pass and
 * links in a second), the routed owners; then the body's CRC-32 and length, written last so the body
 * streams straight to the file.
 */
public final class ZoneImage {
    private static final int MAGIC = 0x4D5A494D; // "MZIM"
    static final int FORMAT = 1;
    private static final int NONE = -1;

    private ZoneImage() {
    }

    /** What {@link #read} gives back: the zone without its routed sets, and the owners those are at. */
    public record Loaded(ServingZone zone, List<org.xbill.DNS.Name> routedOwners) {
    }

    /** Why an image cannot be used (a different store state, format or a damaged file). */
    public static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    /**
     * @param stamp        what identifies the store state {@code zone} was compiled from
     * @param routedOwners the names holding routed record sets, which the loader compiles itself
     */
    public static void write(ServingZone zone, byte[] stamp, List<org.xbill.DNS.Name> routedOwners, OutputStream out)
            throws IOException {
        DataOutputStream head = new DataOutputStream(out);
        head.writeInt(MAGIC);
        head.writeInt(FORMAT);
        writeBytes(head, stamp);
        CRC32 crc = new CRC32();
        DataOutputStream body = new DataOutputStream(new CheckedOutputStream(out, crc));
        writeBytes(body, zone.origin.getBytes(StandardCharsets.UTF_8));
        body.writeLong(zone.serial);
        body.writeInt(zone.recordCount);
        List<Node> nodes = new ArrayList<>(zone.nodes.size());
        zone.nodes.forEach(nodes::add);
        Map<Node, Integer> index = new IdentityHashMap<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i), i);
        }
        body.writeInt(nodes.size());
        body.writeInt(index.get(zone.apex));
        zone.negativeSoa.write(body);
        ByteArrayOutputStream nodeBytes = new ByteArrayOutputStream(256);
        DataOutputStream node = new DataOutputStream(nodeBytes);
        for (Node n : nodes) {
            nodeBytes.reset();
            writeNode(n, index, node);
            body.writeInt(nodeBytes.size());
            nodeBytes.writeTo(body);
        }
        body.writeInt(routedOwners.size());
        for (org.xbill.DNS.Name owner : routedOwners) {
            writeBytes(body, owner.toWire());
        }
        body.flush();
        head.writeInt((int) crc.getValue());
        head.writeInt(body.size());
        head.flush();
    }

    private static void writeNode(Node n, Map<Node, Integer> index, DataOutputStream out) throws IOException {
        writeBytes(out, n.lowerName);
        boolean sameCase = n.ownerWire == n.lowerName || Arrays.equals(n.ownerWire, n.lowerName);
        out.writeBoolean(sameCase);
        if (!sameCase) {
            writeBytes(out, n.ownerWire);
        }
        out.writeInt(n.cut == null ? NONE : index.get(n.cut));
        out.writeInt(n.wildcard == null ? NONE : index.get(n.wildcard));
        out.writeShort(n.rrsets.length);
        for (int i = 0; i < n.rrsets.length; i++) {
            n.rrsets[i].write(out);
            CnameTarget c = n.cnameTargets[i];
            out.writeBoolean(c != null);
            if (c != null) {
                writeBytes(out, Arrays.copyOf(c.name.lower, c.name.length()));
                out.writeBoolean(c.ownerWire != null);
                if (c.ownerWire != null) {
                    writeBytes(out, c.ownerWire);
                }
            }
            AdditionalTarget[] targets = n.additional[i];
            out.writeShort(targets == null ? 0 : targets.length);
            for (AdditionalTarget t : targets == null ? new AdditionalTarget[0] : targets) {
                out.writeInt(index.get(t.node()));
                writeBytes(out, t.ownerWire());
                out.writeBoolean(t.inDomainGlue());
            }
        }
    }

    /**
     * Reads an image written by {@link #write}, if it was made from the store state {@code stamp}.
     *
     * @throws Unusable if it was not, or is of another format, or damaged
     */
    public static Loaded read(ByteBuffer in, byte[] stamp) throws Unusable {
        try {
            if (in.getInt() != MAGIC) {
                throw new Unusable("not a serving image");
            }
            int format = in.getInt();
            if (format != FORMAT) {
                throw new Unusable("serving image format " + format + ", this Meridian writes " + FORMAT);
            }
            if (!Arrays.equals(readBytes(in), stamp)) {
                throw new Unusable("made from another state of the store");
            }
            int start = in.position();
            int length = in.getInt(in.limit() - 4);
            int crc = in.getInt(in.limit() - 8);
            if (length != in.limit() - 8 - start) {
                throw new Unusable("truncated");
            }
            ByteBuffer body = in.slice(start, length);
            CRC32 check = new CRC32();
            check.update(body.duplicate());
            if ((int) check.getValue() != crc) {
                throw new Unusable("checksum mismatch (a damaged file)");
            }
            return readBody(body);
        } catch (RuntimeException e) {
            throw new Unusable("damaged: " + e);
        }
    }

    private static Loaded readBody(ByteBuffer in) {
        String origin = new String(readBytes(in), StandardCharsets.UTF_8);
        long serial = in.getLong();
        int recordCount = in.getInt();
        Node[] nodes = new Node[in.getInt()];
        int apexIndex = in.getInt();
        EncodedRRset negativeSoa = EncodedRRset.read(in);
        int first = in.position();
        NameTable<Node> table = new NameTable<>(nodes.length);
        for (int i = 0; i < nodes.length; i++) {
            int length = in.getInt();
            int next = in.position() + length;
            byte[] lower = readBytes(in);
            nodes[i] = new Node(lower, in.get() != 0 ? lower : readBytes(in));
            table.put(lower, nodes[i]);
            in.position(next);
        }
        in.position(first);
        for (Node n : nodes) {
            in.getInt();
            skipBytes(in);
            if (in.get() == 0) {
                skipBytes(in);
            }
            n.cut = node(nodes, in.getInt());
            n.wildcard = node(nodes, in.getInt());
            int sets = in.getShort() & 0xFFFF;
            n.rrsets = new EncodedRRset[sets];
            CnameTarget[] cnames = null;
            AdditionalTarget[][] additional = null;
            for (int i = 0; i < sets; i++) {
                n.rrsets[i] = EncodedRRset.read(in);
                if (in.get() != 0) {
                    cnames = cnames != null ? cnames : new CnameTarget[sets];
                    cnames[i] = new CnameTarget(Name.of(readBytes(in)), in.get() != 0 ? readBytes(in) : null);
                }
                int targets = in.getShort() & 0xFFFF;
                if (targets > 0) {
                    additional = additional != null ? additional : new AdditionalTarget[sets][];
                    additional[i] = new AdditionalTarget[targets];
                    for (int t = 0; t < targets; t++) {
                        additional[i][t] = new AdditionalTarget(node(nodes, in.getInt()), readBytes(in), in.get() != 0);
                    }
                }
            }
            n.cnameTargets = cnames != null ? cnames : Node.noCnameTargets(sets);
            n.additional = additional != null ? additional : Node.noAdditional(sets);
        }
        List<org.xbill.DNS.Name> routedOwners = new ArrayList<>();
        for (int i = in.getInt(); i > 0; i--) {
            try {
                routedOwners.add(new org.xbill.DNS.Name(readBytes(in)));
            } catch (IOException e) {
                throw new IllegalArgumentException("a routed owner name is not a wire name", e);
            }
        }
        Node apex = nodes[apexIndex];
        return new Loaded(new ServingZone(origin, apex.lowerName, ZoneCompiler.labelCount(apex.lowerName), apex, negativeSoa, table, serial,
                recordCount), routedOwners);
    }

    /**
     * Compiles a loaded zone's routed record sets onto its nodes, with this process's health slots
     * and CIDR blocks; the zone is ready to publish afterwards.
     */
    public static ServingZone withRouted(ServingZone zone, List<RecordSet> routed, RoutingContext routing) {
        if (!routed.isEmpty()) {
            ZoneCompiler.attachRouted(routed, zone.nodes::get, org.xbill.DNS.Name.fromConstantString(zone.origin), routing);
        }
        return zone;
    }

    private static Node node(Node[] nodes, int index) {
        return index == NONE ? null : nodes[index];
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeShort(b.length);
        out.write(b);
    }

    private static byte[] readBytes(ByteBuffer in) {
        byte[] b = new byte[in.getShort() & 0xFFFF];
        in.get(b);
        return b;
    }

    private static void skipBytes(ByteBuffer in) {
        int n = in.getShort() & 0xFFFF;
        in.position(in.position() + n);
    }
}
