package io.meridian.resolver.zone;

import io.meridian.resolver.wire.EncodedRRset;
import io.meridian.resolver.wire.ExtendedError;

/**
 * What the evaluate stage decided for one query: RCODE, AA, and per section the RRsets to write
 * with their owners. Pre-sized and reused; the encode stage turns it into wire bytes.
 */
public final class Answer {
    public static final int SECTIONS = 3;
    /** Enough for a CNAME chain at its limit plus additional data for its last answer. */
    public static final int MAX_PER_SECTION = 48;

    public int rcode;
    public boolean authoritative;
    /** Wire length of the apex of the zone that answered; owners are written relative to it. */
    public int apexLength;
    /** An RFC 8914 info code to send in the OPT record, or {@code ExtendedError.NONE}. */
    public int extendedError;
    private final EncodedRRset[][] sets = new EncodedRRset[SECTIONS][MAX_PER_SECTION];
    private final byte[][][] owners = new byte[SECTIONS][MAX_PER_SECTION][];
    private final int[] counts = new int[SECTIONS];

    public void reset() {
        rcode = 0;
        authoritative = false;
        apexLength = 0;
        extendedError = ExtendedError.NONE;
        counts[0] = counts[1] = counts[2] = 0;
    }

    /** Adds an RRset; {@code ownerPrefix} null means the query name. False when full or a duplicate. */
    boolean add(int section, EncodedRRset set, byte[] ownerPrefix) {
        int n = counts[section];
        if (n == MAX_PER_SECTION || contains(set)) {
            return false;
        }
        sets[section][n] = set;
        owners[section][n] = ownerPrefix;
        counts[section] = n + 1;
        return true;
    }

    boolean contains(EncodedRRset set) {
        for (int s = 0; s < SECTIONS; s++) {
            EncodedRRset[] row = sets[s];
            for (int i = 0; i < counts[s]; i++) {
                if (row[i] == set) {
                    return true;
                }
            }
        }
        return false;
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
