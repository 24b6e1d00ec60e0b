package io.meridian.resolver.geo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * CIDR blocks, longest prefix first, each naming a value (an IP-based group's candidate, a row of
 * the latency table). A lookup walks the blocks of the client's family in that order, so the
 * first match is the longest (ROUTE53.md §1.4: a query prefix shorter than a block does not match
 * it). Built off the query path; lookups allocate nothing.
 */
public final class PrefixTable {
    private final int[] v4Net;
    private final int[] v4Len;
    private final int[] v4Candidate;
    private final long[] v6Hi;
    private final long[] v6Lo;
    private final int[] v6Len;
    private final int[] v6Candidate;

    private record Block(byte[] address, int prefix, int candidate) {
    }

    public static final class Builder {
        private final List<Block> blocks = new ArrayList<>();

        public void add(String cidr, int candidate) {
            int slash = cidr.indexOf('/');
            try {
                blocks.add(new Block(InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
                        Integer.parseInt(cidr.substring(slash + 1)), candidate));
            } catch (UnknownHostException | RuntimeException e) {
                throw new IllegalArgumentException("not a CIDR block: " + cidr, e);
            }
        }

        public PrefixTable build() {
            blocks.sort(Comparator.comparingInt((Block b) -> -b.prefix()));
            return new PrefixTable(blocks);
        }
    }

    private PrefixTable(List<Block> blocks) {
        List<Block> v4 = blocks.stream().filter(b -> b.address().length == 4).toList();
        List<Block> v6 = blocks.stream().filter(b -> b.address().length == 16).toList();
        v4Net = new int[v4.size()];
        v4Len = new int[v4.size()];
        v4Candidate = new int[v4.size()];
        for (int i = 0; i < v4.size(); i++) {
            v4Net[i] = (int) high(v4.get(i).address(), 0, 4);
            v4Len[i] = v4.get(i).prefix();
            v4Candidate[i] = v4.get(i).candidate();
        }
        v6Hi = new long[v6.size()];
        v6Lo = new long[v6.size()];
        v6Len = new int[v6.size()];
        v6Candidate = new int[v6.size()];
        for (int i = 0; i < v6.size(); i++) {
            v6Hi[i] = high(v6.get(i).address(), 0, 8);
            v6Lo[i] = high(v6.get(i).address(), 8, 8);
            v6Len[i] = v6.get(i).prefix();
            v6Candidate[i] = v6.get(i).candidate();
        }
    }

    private static long high(byte[] a, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (a[off + i] & 0xFF);
        }
        return v;
    }

    /**
     * The value of the longest block containing the client prefix ({@code bits} significant
     * bits of {@code address}: 4 bytes for IPv4, 16 for IPv6), or -1.
     */
    public int match(byte[] address, int length, int bits) {
        if (length == 4) {
            int a = (int) high(address, 0, 4);
            for (int i = 0; i < v4Net.length; i++) {
                int len = v4Len[i];
                if (len <= bits && ((a ^ v4Net[i]) & mask32(len)) == 0) {
                    return v4Candidate[i];
                }
            }
        } else if (length == 16) {
            long hi = high(address, 0, 8);
            long lo = high(address, 8, 8);
            for (int i = 0; i < v6Hi.length; i++) {
                int len = v6Len[i];
                if (len <= bits && ((hi ^ v6Hi[i]) & mask64(len)) == 0 && ((lo ^ v6Lo[i]) & mask64(len - 64)) == 0) {
                    return v6Candidate[i];
                }
            }
        }
        return -1;
    }

    private static int mask32(int len) {
        return len == 0 ? 0 : -1 << (32 - len);
    }

    private static long mask64(int len) {
        return len <= 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
    }
}
