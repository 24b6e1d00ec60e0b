package io.meridian.resolver.zone;

import io.meridian.resolver.wire.EncodedRRset;
import io.meridian.resolver.wire.Name;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

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
        head.writeShort(stamp.length);
        head.write(stamp);
        head.flush();
        Body body = new Body(out);
        putBytes(body.room(2 + zone.origin.length() * 4), zone.origin.getBytes(StandardCharsets.UTF_8));
        body.room(12).putLong(zone.serial).putInt(zone.recordCount);
        List<Node> nodes = new ArrayList<>(zone.nodes.size());
        zone.nodes.forEach(n -> {
            n.imagePosition = nodes.size();
            nodes.add(n);
        });
        body.room(8).putInt(nodes.size()).putInt(position(zone.apex, nodes));
        ByteBuffer node = ByteBuffer.allocate(1 << 12);
        node = written(node, b -> zone.negativeSoa.write(b));
        body.room(node.remaining()).put(node);
        for (Node n : nodes) {
            node = written(node, b -> writeNode(n, nodes, b));
            body.room(4 + node.remaining()).putInt(node.remaining()).put(node);
        }
        body.room(4).putInt(routedOwners.size());
        for (org.xbill.DNS.Name owner : routedOwners) {
            putBytes(body.room(2 + owner.length()), RecordWire.name(owner));
        }
        body.flush();
        head.writeInt((int) body.crc.getValue());
        head.writeInt((int) body.size);
        head.flush();
    }

    /**
     * Where {@code node} is in {@code nodes}, as the node itself noted when the list was made (a map
     * of a million nodes took half of writing a big zone's image). A node that is not in the list
     * (its position stale, or never set) would make an image that points to the wrong node: refused.
     */
    private static int position(Node node, List<Node> nodes) {
        int p = node.imagePosition;
        if (p < 0 || p >= nodes.size() || nodes.get(p) != node) {
            throw new IllegalStateException("a node points to one that is not in the zone's table");
        }
        return p;
    }

    /**
     * The image's body on its way to the file: built in memory a chunk at a time, each chunk handed
     * to the file and the checksum in one call (a DataOutputStream would pass every byte to both).
     */
    private static final class Body {
        private final OutputStream out;
        final CRC32 crc = new CRC32();
        long size;
        private ByteBuffer chunk = ByteBuffer.allocate(1 << 20);

        Body(OutputStream out) {
            this.out = out;
        }

        /** The chunk, with room for {@code bytes} more. */
        ByteBuffer room(int bytes) throws IOException {
            if (chunk.remaining() < bytes) {
                flush();
                if (chunk.capacity() < bytes) {
                    chunk = ByteBuffer.allocate(bytes);
                }
            }
            return chunk;
        }

        void flush() throws IOException {
            crc.update(chunk.array(), 0, chunk.position());
            out.write(chunk.array(), 0, chunk.position());
            size += chunk.position();
            chunk.clear();
        }
    }

    /** {@code buffer} (or a larger one, if it did not fit) holding what {@code writer} wrote, ready to read. */
    private static ByteBuffer written(ByteBuffer buffer, java.util.function.Consumer<ByteBuffer> writer) {
        for (ByteBuffer b = buffer; ; b = ByteBuffer.allocate(b.capacity() * 2)) {
            try {
                b.clear();
                writer.accept(b);
                return b.flip();
            } catch (java.nio.BufferOverflowException tooSmall) {
                // a node with large RRsets: try again in a buffer twice the size
            }
        }
    }

    private static void writeNode(Node n, List<Node> nodes, ByteBuffer out) {
        putBytes(out, n.lowerName);
        boolean sameCase = n.ownerWire == n.lowerName || Arrays.equals(n.ownerWire, n.lowerName);
        out.put((byte) (sameCase ? 1 : 0));
        if (!sameCase) {
            putBytes(out, n.ownerWire);
        }
        out.putInt(n.cut == null ? NONE : position(n.cut, nodes));
        out.putInt(n.wildcard == null ? NONE : position(n.wildcard, nodes));
        out.putShort((short) n.rrsets.length);
        for (int i = 0; i < n.rrsets.length; i++) {
            n.rrsets[i].write(out);
            CnameTarget c = n.cnameTargets[i];
            out.put((byte) (c != null ? 1 : 0));
            if (c != null) {
                putBytes(out, Arrays.copyOf(c.name.lower, c.name.length()));
                out.put((byte) (c.ownerWire != null ? 1 : 0));
                if (c.ownerWire != null) {
                    putBytes(out, c.ownerWire);
                }
            }
            AdditionalTarget[] targets = n.additional[i];
            out.putShort((short) (targets == null ? 0 : targets.length));
            for (AdditionalTarget t : targets == null ? new AdditionalTarget[0] : targets) {
                out.putInt(position(t.node(), nodes));
                putBytes(out, t.ownerWire());
                out.put((byte) (t.inDomainGlue() ? 1 : 0));
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

    private static void putBytes(ByteBuffer out, byte[] b) {
        out.putShort((short) b.length);
        out.put(b);
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
