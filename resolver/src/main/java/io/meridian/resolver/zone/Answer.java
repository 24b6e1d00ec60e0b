package io.meridian.resolver.zone;

import io.meridian.resolver.wire.EncodedRRset;
import io.meridian.resolver.wire.ExtendedError;
import io.meridian.resolver.wire.Name;

/**
 * What the evaluate stage decided for one query: RCODE, AA, and per section the RRsets to write
 * with their owners. Pre-sized and reused; the encode stage turns it into wire bytes.
 */
public final class Answer {
    public static final int SECTIONS = 3;
    /** Enough for a CNAME chain at its limit plus additional data for its last answer. */
    public static final int MAX_PER_SECTION = 48;
    private static final int ADDITIONAL_SECTION = 2;

    public int rcode;
    public boolean authoritative;
    /** An RFC 8914 info code to send in the OPT record, or {@code ExtendedError.NONE}. */
    public int extendedError;
    /** RFC 7871 scope prefix: how many bits of the client's address the answer depended on (0: none). */
    public int ecsScope;
    /** The origin of the zone that answered, or null (REFUSED, errors): for the query log. */
    public String zone;
    /**
     * The first routed choice made for this answer: its record set's SetIdentifier (null: none)
     * and the policy ({@link QueryEvaluator#policyName}; -1: none), for the query log and counts.
     */
    public String setIdentifier;
    public int policy;
    /**
     * Whether a routed group (any policy, simple aliases included) took part: such an answer may
     * depend on the client, on health or on chance, so it is never replayed from a response cache.
     */
    public boolean routed;
    private final EncodedRRset[][] sets = new EncodedRRset[SECTIONS][MAX_PER_SECTION];
    private final byte[][][] owners = new byte[SECTIONS][MAX_PER_SECTION][];
    private final boolean[][] synthesized = new boolean[SECTIONS][MAX_PER_SECTION];
    private final boolean[] required = new boolean[MAX_PER_SECTION];
    /** Per additional entry: which RRset asked for it, and which of that RRset's targets it is. */
    private final int[] group = new int[MAX_PER_SECTION];
    private final int[] target = new int[MAX_PER_SECTION];
    private final int[] counts = new int[SECTIONS];

    public void reset() {
        rcode = 0;
        authoritative = false;
        extendedError = ExtendedError.NONE;
        ecsScope = 0;
        zone = null;
        setIdentifier = null;
        policy = -1;
        routed = false;
        counts[0] = counts[1] = counts[2] = 0;
    }

    /**
     * Adds a zone RRset owned by {@code ownerWire} (null: the query name). False when the section
     * is full or this very RRset is already in the response. As in Knot DNS, an RRset synthesized
     * from a wildcard is a new RRset: it is never a duplicate, nor is anything a duplicate of it.
     */
    boolean add(int section, EncodedRRset set, byte[] ownerWire, boolean fromWildcard) {
        int n = counts[section];
        if (n == MAX_PER_SECTION || (!fromWildcard && containsZoneRRset(set))) {
            return false;
        }
        sets[section][n] = set;
        owners[section][n] = ownerWire;
        synthesized[section][n] = fromWildcard;
        counts[section] = n + 1;
        return true;
    }

    private boolean containsZoneRRset(EncodedRRset set) {
        for (int s = 0; s < SECTIONS; s++) {
            for (int i = 0; i < counts[s]; i++) {
                if (sets[s][i] == set && !synthesized[s][i]) {
                    return true;
                }
            }
        }
        return false;
    }



    /**
     * Adds additional data: target {@code targetIndex} of the RRset numbered {@code rrsetGroup};
     * {@code mustFit} marks in-domain glue of a referral.
     */
    boolean addAdditional(EncodedRRset set, byte[] ownerWire, int rrsetGroup, int targetIndex, boolean mustFit) {
        int n = counts[ADDITIONAL_SECTION];
        if (n == MAX_PER_SECTION || contains(set, ownerWire)) {
            return false;
        }
        sets[ADDITIONAL_SECTION][n] = set;
        owners[ADDITIONAL_SECTION][n] = ownerWire;
        synthesized[ADDITIONAL_SECTION][n] = false;
        counts[ADDITIONAL_SECTION] = n + 1;
        required[n] = mustFit;
        group[n] = rrsetGroup;
        target[n] = targetIndex;
        return true;
    }

    private boolean contains(EncodedRRset set, byte[] ownerWire) {
        for (int s = 0; s < SECTIONS; s++) {
            EncodedRRset[] row = sets[s];
            for (int i = 0; i < counts[s]; i++) {
                if (row[i] == set && sameName(ownerWire, owners[s][i])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameName(byte[] a, byte[] b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Name.toLower(a[i]) != Name.toLower(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** True for additional data the response must carry or else be marked truncated. */
    public boolean required(int i) {
        return required[i];
    }

    /** The RRset (numbered in the order they were answered) that asked for additional entry {@code i}. */
    public int group(int i) {
        return group[i];
    }

    /** Which target of its RRset additional entry {@code i} belongs to. */
    public int target(int i) {
        return target[i];
    }

    public int count(int section) {
        return counts[section];
    }

    public EncodedRRset set(int section, int i) {
        return sets[section][i];
    }

    public byte[] owner(int section, int i) {
        return owners[section][i];
    }
}
