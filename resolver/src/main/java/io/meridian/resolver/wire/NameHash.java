package io.meridian.resolver.wire;

/**
 * The one hash used for names everywhere: computed right to left over lower-case wire bytes,
 * so that one pass over a name yields the hash of every suffix (see {@link Name}).
 */
public final class NameHash {
    static final int SEED = 0x811C9DC5;

    private NameHash() {
    }

    static int step(int h, byte b) {
        return (h ^ (b & 0xFF)) * 0x01000193;
    }

    /** Hash of lower-case wire bytes {@code [off, off+len)}. */
    public static int of(byte[] lower, int off, int len) {
        int h = SEED;
        for (int p = off + len - 1; p >= off; p--) {
            h = step(h, lower[p]);
        }
        return h;
    }

    public static int of(byte[] lower) {
        return of(lower, 0, lower.length);
    }
}
