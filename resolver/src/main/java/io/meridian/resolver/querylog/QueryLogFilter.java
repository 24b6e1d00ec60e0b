package io.meridian.resolver.querylog;

import io.meridian.resolver.geo.IpLiteral;
import io.meridian.resolver.geo.PrefixTable;

import java.net.InetAddress;
import java.util.Locale;

/**
 * What an operator wants to see of the query log, every part optional (null or blank: any):
 * {@code zone} a hosted zone id or a domain (the name must be in it), {@code name} part of the
 * query name, {@code type} and {@code rcode} exact ("A", "NXDOMAIN"), {@code client} an address
 * or ADDRESS/BITS matched against the resolver and the EDNS client subnet.
 */
public final class QueryLogFilter {
    public static final QueryLogFilter ANY = new QueryLogFilter(null, null, null, null, null);

    private final String zone;
    private final String name;
    private final String type;
    private final String rcode;
    private final PrefixTable client;

    /** @throws IllegalArgumentException when the client prefix is not an address or ADDRESS/BITS */
    public QueryLogFilter(String zone, String name, String type, String rcode, String client) {
        this.zone = clean(zone) == null ? null : trimDot(clean(zone).toLowerCase(Locale.ROOT));
        this.name = clean(name) == null ? null : clean(name).toLowerCase(Locale.ROOT);
        this.type = clean(type);
        this.rcode = clean(rcode);
        this.client = clean(client) == null ? null : prefix(clean(client));
    }

    public boolean matches(LoggedQuery q) {
        return (zone == null || zone.equalsIgnoreCase(q.zoneId()) || within(q.name().toLowerCase(Locale.ROOT), zone))
                && (name == null || q.name().toLowerCase(Locale.ROOT).contains(name))
                && (type == null || type.equalsIgnoreCase(q.type()))
                && (rcode == null || rcode.equalsIgnoreCase(q.rcode()))
                && (client == null || inClientPrefix(q.resolver()) || inClientPrefix(q.subnet()));
    }

    private boolean inClientPrefix(String addressOrSubnet) {
        int slash = addressOrSubnet.indexOf('/');
        byte[] a = address(slash < 0 ? addressOrSubnet : addressOrSubnet.substring(0, slash));
        if (a == null) {
            return false;
        }
        int bits = slash < 0 ? a.length * 8 : Integer.parseInt(addressOrSubnet.substring(slash + 1));
        return client.match(a, a.length, bits) >= 0;
    }

    private static PrefixTable prefix(String text) {
        int slash = text.indexOf('/');
        byte[] a = address(slash < 0 ? text : text.substring(0, slash));
        int bits = -1;
        if (a != null) {
            try {
                bits = slash < 0 ? a.length * 8 : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
        }
        if (a == null || bits < 0 || bits > a.length * 8) {
            throw new IllegalArgumentException("client prefix '" + text + "' is not an address or ADDRESS/BITS");
        }
        PrefixTable.Builder b = new PrefixTable.Builder();
        b.add(text.substring(0, slash < 0 ? text.length() : slash) + "/" + bits, 0);
        return b.build();
    }

    private static byte[] address(String text) {
        InetAddress a = IpLiteral.parse(text);
        return a == null ? null : a.getAddress();
    }

    private static boolean within(String name, String domain) {
        String n = trimDot(name);
        return n.equals(domain) || n.endsWith("." + domain);
    }

    private static String trimDot(String s) {
        return s.endsWith(".") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
    }

    private static String clean(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
