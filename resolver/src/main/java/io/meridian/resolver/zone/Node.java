package io.meridian.resolver.zone;

import io.meridian.resolver.wire.EncodedRRset;

/**
 * One owner name of a serving zone: its RRsets in wire form and the links the lookup needs,
 * all fixed at compile time. An empty non-terminal is a node with no RRsets.
 */
public final class Node {
    private static final EncodedRRset[] NO_RRSETS = new EncodedRRset[0];
    private static final PolicyGroup[] NO_POLICIES = new PolicyGroup[0];
    /** Arrays of nulls by length, shared: never written once a node is built (see {@link #noCnameTargets}). */
    private static final CnameTarget[][] NO_CNAMES = new CnameTarget[9][];
    private static final AdditionalTarget[][][] NO_ADDITIONAL = new AdditionalTarget[9][][];

    static {
        for (int i = 0; i < NO_CNAMES.length; i++) {
            NO_CNAMES[i] = new CnameTarget[i];
            NO_ADDITIONAL[i] = new AdditionalTarget[i][];
        }
    }

    final byte[] lowerName;
    /** The owner name in uncompressed wire form, in the zone file's case. */
    final byte[] ownerWire;
    // Until compiled, every node shares the same empty arrays (most never get policies; an empty
    // non-terminal never gets RRsets): a million-name zone is four million objects lighter.
    EncodedRRset[] rrsets = NO_RRSETS;
    /** Per RRset (same index): names whose A/AAAA belong in the additional section, or null. */
    AdditionalTarget[][] additional = NO_ADDITIONAL[0];
    /** Per RRset (same index): for a CNAME, its target; else null. */
    CnameTarget[] cnameTargets = NO_CNAMES[0];
    /** Routed record sets (policies, aliases), one group per type; a type is either here or in {@link #rrsets}. */
    PolicyGroup[] policies = NO_POLICIES;
    /** The nearest delegation point at or above this node, below the apex; null if none. */
    Node cut;
    /** The node {@code *.<this name>}, if the zone has one. */
    Node wildcard;
    /**
     * Where this node is among its zone's nodes in the serving image last written of it ({@link
     * ZoneImage}, which writes one image at a time; -1 before): how the image names a node another
     * one points to. Free: the object had four bytes of padding.
     */
    int imagePosition = -1;

    Node(byte[] lowerName, byte[] ownerWire) {
        this.lowerName = lowerName;
        this.ownerWire = ownerWire;
    }

    /**
     * {@link #cnameTargets} for {@code sets} RRsets none of which is a CNAME: most nodes share one
     * such array instead of holding their own (a million-name zone loads two objects fewer per name).
     */
    static CnameTarget[] noCnameTargets(int sets) {
        return sets < NO_CNAMES.length ? NO_CNAMES[sets] : new CnameTarget[sets];
    }

    /** {@link #additional} for {@code sets} RRsets none of which has additional targets; shared as above. */
    static AdditionalTarget[][] noAdditional(int sets) {
        return sets < NO_ADDITIONAL.length ? NO_ADDITIONAL[sets] : new AdditionalTarget[sets][];
    }

    int indexOf(int type) {
        EncodedRRset[] sets = rrsets;
        for (int i = 0; i < sets.length; i++) {
            if (sets[i].type == type) {
                return i;
            }
        }
        return -1;
    }

    EncodedRRset get(int type) {
        int i = indexOf(type);
        return i < 0 ? null : rrsets[i];
    }

    PolicyGroup policy(int type) {
        PolicyGroup[] groups = policies;
        for (PolicyGroup g : groups) {
            if (g.type == type) {
                return g;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return rrsets.length == 0 && policies.length == 0;
    }
}
