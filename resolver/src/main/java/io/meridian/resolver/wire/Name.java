package io.meridian.resolver.wire;

/**
 * A domain name held as lower-case uncompressed wire bytes plus the start of every label and
 * the hash of every suffix, so that zone and node lookups for each ancestor of the name cost
 * one hash probe and no copying. Instances made with {@code new} are reused: {@link #parse}
 * overwrites the contents. {@link #of} makes a read-only copy sized to its name instead (a compiled
 * zone holds one per CNAME target: a million-name zone would otherwise spend 1.3 KB on each).
 */
public final class Name {
    public static final int MAX_LENGTH = 255;
    public static final int MAX_LABEL = 63;
    public static final int MAX_LABELS = 127;

    /** Lower-case wire form, root label included. */
    public final byte[] lower;
    /** Offset in {@link #lower} of each label, leftmost first; {@code labelStart[labelCount]} is the root. */
    public final int[] labelStart;
    /** {@code suffixHash[i]} is {@link NameHash} of the name formed by labels i.. (root included). */
    public final int[] suffixHash;
    private int length;
    private int labelCount;

    /** A reusable name, room for any: {@link #parse} fills it. */
    public Name() {
        this(MAX_LENGTH, MAX_LABELS);
    }

    private Name(int maxLength, int maxLabels) {
        lower = new byte[maxLength];
        labelStart = new int[maxLabels + 1];
        suffixHash = new int[maxLabels + 1];
    }

    /** Wire length including the root label. */
    public int length() {
        return length;
    }

    /** Number of labels, the root not counted. */
    public int labelCount() {
        return labelCount;
    }

    /**
     * Reads an uncompressed name at {@code off}. Returns the offset after it, or -1 when the
     * name is malformed: a compression pointer or reserved label type (the question name has
     * nothing before it to point at), a label over 63 bytes, a name over 255, or the end of data.
     */
    public int parse(byte[] src, int off, int end) {
        int pos = off;
        int out = 0;
        int labels = 0;
        while (true) {
            if (pos >= end) {
                return -1;
            }
            int len = src[pos] & 0xFF;
            if (len > MAX_LABEL || out + 1 + len > MAX_LENGTH || pos + 1 + len > end) {
                return -1;
            }
            if (len == 0) {
                lower[out++] = 0;
                pos++;
                break;
            }
            labelStart[labels++] = out;
            lower[out++] = (byte) len;
            for (int i = 1; i <= len; i++) {
                lower[out++] = toLower(src[pos + i]);
            }
            pos += 1 + len;
        }
        labelStart[labels] = out - 1;
        this.labelCount = labels;
        this.length = out;
        hashSuffixes();
        return pos;
    }

    /**
     * A read-only copy of a name given in uncompressed wire form, its arrays sized to it (used off
     * the hot path, e.g. CNAME targets); never {@link #parse} into it.
     */
    public static Name of(byte[] wire) {
        // Parsed into a scratch of full size kept per thread, then copied to arrays sized to the
        // name: a million-name zone loads 150k CNAME targets, and each scratch is 1.3 KB.
        Name scratch = SCRATCH.get();
        if (scratch.parse(wire, 0, wire.length) < 0) {
            throw new IllegalArgumentException("malformed wire name");
        }
        Name n = new Name(scratch.length, scratch.labelCount);
        System.arraycopy(scratch.lower, 0, n.lower, 0, scratch.length);
        System.arraycopy(scratch.labelStart, 0, n.labelStart, 0, scratch.labelCount + 1);
        System.arraycopy(scratch.suffixHash, 0, n.suffixHash, 0, scratch.labelCount + 1);
        n.length = scratch.length;
        n.labelCount = scratch.labelCount;
        return n;
    }

    private static final ThreadLocal<Name> SCRATCH = ThreadLocal.withInitial(Name::new);

    /**
     * Presentation form of the wire name in {@code wire[0, length)}, with the trailing dot ("." for
     * the root, "-" for no name at all, as logs show a query without a question); off the hot path.
     * Labels are not escaped.
     */
    public static String text(byte[] wire, int length) {
        if (length == 0) {
            return "-";
        }
        StringBuilder b = new StringBuilder(length);
        for (int p = 0; p < length && wire[p] != 0; p += 1 + (wire[p] & 0xFF)) {
            // Bounded by length: a log reader may see a name torn by the writer, and must not throw on it.
            b.append(new String(wire, p + 1, Math.min(wire[p] & 0xFF, length - p - 1), java.nio.charset.StandardCharsets.ISO_8859_1)).append('.');
        }
        return b.length() == 0 ? "." : b.toString();
    }

    private void hashSuffixes() {
        int h = NameHash.SEED;
        int label = labelCount;
        for (int p = length - 1; p >= 0; p--) {
            h = NameHash.step(h, lower[p]);
            if (label >= 0 && p == labelStart[label]) {
                suffixHash[label--] = h;
            }
        }
    }

    public static byte toLower(byte b) {
        return (b >= 'A' && b <= 'Z') ? (byte) (b + 32) : b;
    }

    /** True when the suffix at label {@code i} equals {@code other} (lower-case wire). */
    public boolean suffixEquals(int i, byte[] other) {
        int start = labelStart[i];
        int len = length - start;
        if (other.length != len) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (lower[start + k] != other[k]) {
                return false;
            }
        }
        return true;
    }
}
