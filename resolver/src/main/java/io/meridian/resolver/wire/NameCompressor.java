package io.meridian.resolver.wire;

/**
 * Writes names into a response with compression against every name already written (RFC 1035
 * §4.1.4), matching labels without regard to case as Knot DNS does. The dictionary holds the
 * offset of each label written so far; nothing is allocated.
 */
final class NameCompressor {
    /** Pointers carry 14 bits of offset. */
    private static final int MAX_POINTER = 0x3FFF;
    private static final int MAX_ENTRIES = 256;

    private final int[] dict = new int[MAX_ENTRIES];
    private final int[] labels = new int[Name.MAX_LABELS + 1];
    private int size;

    void reset() {
        size = 0;
    }

    int mark() {
        return size;
    }

    void rollback(int mark) {
        size = mark;
    }

    /** Remembers the labels of an uncompressed name already in {@code out} (the question). */
    void addName(byte[] out, int off) {
        for (int p = off; out[p] != 0; p += 1 + (out[p] & 0xFF)) {
            add(p);
        }
    }

    /**
     * Writes the uncompressed name at {@code src[off]} into {@code out} at {@code pos}, compressed.
     * Returns the position after it, or -1 if it would pass {@code limit}.
     */
    int write(byte[] src, int off, byte[] out, int pos, int limit) {
        int count = 0;
        for (int p = off; src[p] != 0; p += 1 + (src[p] & 0xFF)) {
            labels[count++] = p;
        }
        int match = -1;
        int from = 0;
        for (; from < count; from++) {
            match = find(src, labels[from], out);
            if (match >= 0) {
                break;
            }
        }
        int rawEnd = from < count ? labels[from] : off + nameTail(src, labels, count, off);
        int rawLen = rawEnd - off;
        int need = rawLen + (match >= 0 ? 2 : 1);
        if (pos + need > limit) {
            return -1;
        }
        for (int i = 0; i < from; i++) {
            add(pos + labels[i] - off);
        }
        System.arraycopy(src, off, out, pos, rawLen);
        pos += rawLen;
        if (match >= 0) {
            out[pos] = (byte) (0xC0 | (match >>> 8));
            out[pos + 1] = (byte) match;
            return pos + 2;
        }
        out[pos] = 0;
        return pos + 1;
    }

    /** Offset within the name of its root label. */
    private static int nameTail(byte[] src, int[] labels, int count, int off) {
        return count == 0 ? 0 : labels[count - 1] + 1 + (src[labels[count - 1]] & 0xFF) - off;
    }

    private void add(int offset) {
        if (size < MAX_ENTRIES && offset <= MAX_POINTER) {
            dict[size++] = offset;
        }
    }

    /** A dictionary offset where the name suffix {@code src[at..]} is already written, or -1. */
    private int find(byte[] src, int at, byte[] out) {
        byte first = src[at];
        for (int i = 0; i < size; i++) {
            int d = dict[i];
            if (out[d] == first && equalsAt(src, at, out, d)) {
                return d;
            }
        }
        return -1;
    }

    /** Compares a name in {@code src} with one in the response, following the response's pointers. */
    private static boolean equalsAt(byte[] src, int s, byte[] out, int p) {
        while (true) {
            int lp = out[p] & 0xFF;
            if ((lp & 0xC0) == 0xC0) {
                p = ((lp & 0x3F) << 8) | (out[p + 1] & 0xFF);
                continue;
            }
            int ls = src[s] & 0xFF;
            if (ls != lp) {
                return false;
            }
            if (ls == 0) {
                return true;
            }
            for (int k = 1; k <= ls; k++) {
                if (Name.toLower(src[s + k]) != Name.toLower(out[p + k])) {
                    return false;
                }
            }
            s += ls + 1;
            p += lp + 1;
        }
    }
}
