package io.meridian.resolver.control;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;

import java.util.List;

/**
 * A record's value as Route 53 writes it in ResourceRecord/Value: TXT and SPF strings each in
 * double quotes (RFC 1035 §5.1 escapes), IPv6 addresses compressed (RFC 5952), the rest in
 * dnsjava's presentation format.
 */
final class RecordValues {
    private RecordValues() {
    }

    static String value(Record r) {
        if (r instanceof TXTRecord txt) {
            return quoted(txt.getStringsAsByteArrays());
        }
        if (r instanceof SPFRecord spf) {
            return quoted(spf.getStringsAsByteArrays());
        }
        if (r instanceof AAAARecord aaaa) {
            return ipv6(aaaa.getAddress().getAddress());
        }
        return r.rdataToString();
    }

    private static String quoted(List<byte[]> strings) {
        StringBuilder b = new StringBuilder();
        for (byte[] s : strings) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append('"');
            for (byte x : s) {
                int c = x & 0xFF;
                if (c == '"' || c == '\\') {
                    b.append('\\').append((char) c);
                } else if (c < 0x20 || c > 0x7E) {
                    b.append('\\').append(String.format("%03d", c));
                } else {
                    b.append((char) c);
                }
            }
            b.append('"');
        }
        return b.toString();
    }

    /** RFC 5952 §4: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
    static String ipv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }
}
