package io.meridian.resolver.zone;

import io.meridian.resolver.wire.EncodedRRset;
import io.meridian.resolver.wire.Name;
import io.meridian.resolver.wire.Types;

/**
 * The compiled, read-only serving view of one zone: owner name -> {@link Node}, with the SOA
 * pre-encoded for negative answers. Built by {@link ZoneCompiler}; replaced whole, never edited.
 */
public final class ServingZone {
    final String origin;
    final byte[] apexLower;
    final int apexLabels;
    final Node apex;
    /** The SOA with TTL = min(SOA TTL, SOA MINIMUM), for NXDOMAIN and NODATA (RFC 2308 §3). */
    final EncodedRRset negativeSoa;
    final NameTable<Node> nodes;
    final long serial;
    final int recordCount;

    ServingZone(String origin, byte[] apexLower, int apexLabels, Node apex, EncodedRRset negativeSoa,
                NameTable<Node> nodes, long serial, int recordCount) {
        this.origin = origin;
        this.apexLower = apexLower;
        this.apexLabels = apexLabels;
        this.apex = apex;
        this.negativeSoa = negativeSoa;
        this.nodes = nodes;
        this.serial = serial;
        this.recordCount = recordCount;
    }

    public String origin() {
        return origin;
    }

    public long serial() {
        return serial;
    }

    public int recordCount() {
        return recordCount;
    }

    /**
     * Finds {@code name} (known to be at or below the apex): an exact match, a delegation at or
     * above it, a wildcard at its closest encloser (RFC 4592 §3.3.1), or NXDOMAIN.
     */
    Lookup find(Name name, int qtype, Lookup out) {
        Node node = nodes.get(name, 0);
        if (node != null) {
            Node cut = node.cut;
            // DS lives on the parent side of a zone cut (RFC 4035 §3.1.4.1).
            if (cut != null && !(cut == node && qtype == Types.DS)) {
                return out.set(Lookup.Kind.DELEGATION, cut);
            }
            return out.set(Lookup.Kind.HIT, node);
        }
        int below = name.labelCount() - apexLabels;
        for (int i = 1; i <= below; i++) {
            Node encloser = nodes.get(name, i);
            if (encloser != null) {
                if (encloser.cut != null) {
                    return out.set(Lookup.Kind.DELEGATION, encloser.cut);
                }
                if (encloser.wildcard != null) {
                    return out.set(Lookup.Kind.WILDCARD, encloser.wildcard);
                }
                return out.set(Lookup.Kind.NXDOMAIN, encloser);
            }
        }
        return out.set(Lookup.Kind.NXDOMAIN, apex);
    }
}
