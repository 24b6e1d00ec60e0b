package io.meridian.perf;

import io.meridian.resolver.zone.ServingZone;
import io.meridian.resolver.zone.ZoneCompiler;
import io.meridian.resolver.zone.ZoneException;
import io.meridian.resolver.zone.ZoneFileParser;
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
        StringBuilder z = new StringBuilder("$ORIGIN " + ORIGIN + "\n$TTL 300\n"
                + "@ SOA ns1 hostmaster 1 3600 600 86400 60\n@ NS ns1\n@ NS ns2\nns1 A 192.0.2.1\nns2 A 192.0.2.2\n"
                + "*.wild A 192.0.2.200\n");
        for (int i = 0; i < names; i++) {
            switch (i % 10) {
                case 0, 1, 2, 3 -> z.append("host").append(i).append(" A 10.").append(i >> 16 & 255).append('.')
                        .append(i >> 8 & 255).append('.').append(i & 255).append('\n');
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
            return ZoneCompiler.compile(ZoneFileParser.parse(file, null));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Query wires for the mix; the type asked matches what each name holds, as dnsperf files do. */
    static List<byte[]> queries(int names, int count, long seed) throws TextParseException {
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
            if (random.nextBoolean()) {
                m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
            }
            out.add(m.toWire());
        }
        return out;
    }
}
