package io.meridian.perf;

import io.meridian.resolver.zone.HealthStatus;
import io.meridian.resolver.zone.RecordSet;
import io.meridian.resolver.zone.RoutingContext;
import io.meridian.resolver.zone.RoutingPolicy;
import io.meridian.resolver.zone.ServingZone;
import io.meridian.resolver.zone.ZoneContent;
import io.meridian.resolver.zone.ZoneCompiler;
import io.meridian.resolver.zone.ZoneException;
import io.meridian.resolver.zone.ZoneFileParser;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated zone like the one scripts/bench serves (mixed A/AAAA/CNAME/MX/TXT and a wildcard)
 * and a query mix over it: mostly hits, 10% NXDOMAIN, 5% wildcard, some with EDNS.
 */
final class BenchZone {
    static final String ORIGIN = "bench.meridian.test.";

    private BenchZone() {
    }

    static ServingZone compile(int names) throws IOException, ZoneException {
        return compile(names, false);
    }

    /**
     * With {@code routed}, the A names become routed groups instead (a quarter each weighted,
     * failover with health checks, multivalue, IP-based), as Route 53 users set them up.
     */
    static ServingZone compile(int names, boolean routed) throws IOException, ZoneException {
        StringBuilder z = new StringBuilder("$ORIGIN " + ORIGIN + "\n$TTL 300\n"
                + "@ SOA ns1 hostmaster 1 3600 600 86400 60\n@ NS ns1\n@ NS ns2\nns1 A 192.0.2.1\nns2 A 192.0.2.2\n"
                + "*.wild A 192.0.2.200\n");
        for (int i = 0; i < names; i++) {
            switch (i % 10) {
                case 0, 1, 2, 3 -> {
                    if (!routed) {
                        z.append("host").append(i).append(" A 10.").append(i >> 16 & 255).append('.')
                        .append(i >> 8 & 255).append('.').append(i & 255).append('\n');
                    }
                }
                case 4, 5 -> z.append("host").append(i).append(" AAAA 2001:db8::").append(Integer.toHexString(i)).append('\n');
                case 6 -> z.append("host").append(i).append(" CNAME host").append(i - 6).append('\n');
                case 7 -> z.append("host").append(i).append(" MX 10 host").append(i - 7).append('\n');
                case 8 -> z.append("host").append(i).append(" TXT \"v=spf1 ip4:10.0.0.").append(i & 255).append(" -all\"\n");
                default -> z.append("host").append(i).append(" A 10.1.").append(i >> 8 & 255).append('.')
                        .append(i & 255).append("\nhost").append(i).append(" AAAA 2001:db8::1:").append(Integer.toHexString(i)).append('\n');
            }
        }
        Path file = Files.createTempFile("bench", ".zone");
        try {
            Files.writeString(file, z);
            ZoneContent plain = ZoneFileParser.parse(file, null);
            if (!routed) {
                return ZoneCompiler.compile(plain);
            }
            return ZoneCompiler.compile(new ZoneContent(plain.origin(), plain.records(), routedSets(names)), ROUTING);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Every health check healthy except the ones on failover primaries of every third group. */
    static final RoutingContext ROUTING = new RoutingContext() {
        @Override
        public int healthSlot(String checkId) {
            return Integer.parseInt(checkId.substring(3));
        }

        @Override
        public HealthStatus health() {
            return slot -> slot < 0 || slot % 3 != 0;
        }

        @Override
        public List<String> cidrBlocks(String collectionId, String location) {
            return switch (location) {
                case "ten" -> List.of("10.0.0.0/8");
                case "lab" -> List.of("10.1.0.0/16", "10.2.3.0/24");
                default -> List.of("2001:db8::/32");
            };
        }
    };

    private static List<RecordSet> routedSets(int names) throws IOException {
        List<RecordSet> out = new ArrayList<>();
        for (int i = 0; i < names; i++) {
            if (i % 10 > 3) {
                continue;
            }
            Name n = Name.fromString("host" + i + "." + ORIGIN);
            switch (i % 4) {
                case 0 -> {
                    out.add(routed(n, "a", new RoutingPolicy.Weighted(1), null, "10.0.0.1"));
                    out.add(routed(n, "b", new RoutingPolicy.Weighted(3), null, "10.0.0.2"));
                }
                case 1 -> {
                    out.add(routed(n, "p", new RoutingPolicy.Failover("PRIMARY"), "hc-" + i, "10.0.1.1"));
                    out.add(routed(n, "s", new RoutingPolicy.Failover("SECONDARY"), null, "10.0.1.2"));
                }
                case 2 -> {
                    for (int k = 1; k <= 3; k++) {
                        out.add(routed(n, "m" + k, new RoutingPolicy.MultiValue(), "hc-" + (i + k), "10.0.2." + k));
                    }
                }
                default -> {
                    out.add(routed(n, "ten", new RoutingPolicy.IpBased("c", "ten"), null, "10.0.3.1"));
                    out.add(routed(n, "lab", new RoutingPolicy.IpBased("c", "lab"), null, "10.0.3.2"));
                    out.add(routed(n, "rest", new RoutingPolicy.IpBased("c", "*"), null, "10.0.3.3"));
                }
            }
        }
        return out;
    }

    private static RecordSet routed(Name name, String id, RoutingPolicy policy, String check, String address) throws IOException {
        return new RecordSet(name, Type.A, id, 60, List.of(new ARecord(name, DClass.IN, 60, InetAddress.getByName(address))),
                policy, null, check);
    }

    /** Query wires for the mix; the type asked matches what each name holds, as dnsperf files do. */
    static List<byte[]> queries(int names, int count, long seed) throws TextParseException {
        return queries(names, count, seed, false);
    }

    /** With {@code clientSubnets}, every query carries EDNS with a client subnet from a varied /24 (or /56). */
    static List<byte[]> queries(int names, int count, long seed, boolean clientSubnets) throws TextParseException {
        Random random = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (int q = 0; q < count; q++) {
            int pick = random.nextInt(100);
            int i = random.nextInt(names);
            String name;
            int type;
            if (pick < 10) {
                name = "nx" + i + "." + ORIGIN;
                type = Type.A;
            } else if (pick < 15) {
                name = "w" + i + ".wild." + ORIGIN;
                type = Type.A;
            } else {
                name = "host" + i + "." + ORIGIN;
                type = switch (i % 10) {
                    case 4, 5 -> Type.AAAA;
                    case 7 -> Type.MX;
                    case 8 -> Type.TXT;
                    default -> Type.A;
                };
            }
            Message m = new Message(random.nextInt(65536));
            m.getHeader().setFlag(Flags.RD);
            m.addRecord(Record.newRecord(Name.fromString(name), type, DClass.IN), Section.QUESTION);
            if (clientSubnets) {
                m.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(subnet(random))), Section.ADDITIONAL);
            } else if (random.nextBoolean()) {
                m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
            }
            out.add(m.toWire());
        }
        return out;
    }

    private static ClientSubnetOption subnet(Random random) {
        try {
            if (random.nextInt(5) == 0) {
                byte[] v6 = {0x20, 0x01, 0x0d, (byte) 0xb8, (byte) random.nextInt(256), (byte) random.nextInt(256),
                        (byte) random.nextInt(256), 0, 0, 0, 0, 0, 0, 0, 0, 0};
                return new ClientSubnetOption(56, InetAddress.getByAddress(v6));
            }
            byte[] v4 = {(byte) (random.nextBoolean() ? 10 : 100 + random.nextInt(100)), (byte) random.nextInt(4),
                    (byte) random.nextInt(256), 0};
            return new ClientSubnetOption(24, InetAddress.getByAddress(v4));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
