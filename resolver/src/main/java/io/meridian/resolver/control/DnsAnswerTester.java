package io.meridian.resolver.control;

import io.meridian.resolver.pipeline.QuerySlot;
import io.meridian.resolver.pipeline.QueryStages;
import io.meridian.resolver.zone.ZoneIndex;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * TestDNSAnswer: asks the data plane's own query stages what they answer for a name and type, as
 * a UDP client would be answered, without a socket.
 */
final class DnsAnswerTester {
    private final Supplier<ZoneIndex> zones;

    DnsAnswerTester(Supplier<ZoneIndex> zones) {
        this.zones = zones;
    }

    /** The address with every bit past the prefix cleared, as an ECS option must carry it (RFC 7871 §6). */
    private static InetAddress network(InetAddress address, int bits) {
        byte[] a = address.getAddress();
        for (int bit = bits; bit < a.length * 8; bit++) {
            a[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(a);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress address(String text, String parameter) throws ControlException {
        InetAddress a = io.meridian.resolver.geo.IpLiteral.parse(text);
        if (a == null) {
            throw new ControlException("InvalidInput", parameter + " must be an IPv4 or IPv6 address, got " + text);
        }
        return a;
    }

    /** What the appliance answers: the RCODE's name, the answer section's values, and why (routed choices). */
    record Result(String responseCode, List<String> data, List<String> records, io.meridian.resolver.zone.Explanation why) {
    }

    Result ask(String recordName, String recordType) throws ControlException {
        return ask(recordName, recordType, null, null, null);
    }

    /**
     * As a query from {@code resolverIp} (default: loopback) carrying, when {@code subnetIp} is
     * given, EDNS Client Subnet {@code subnetIp}/{@code subnetMask} (default /24 for IPv4, /64 for
     * IPv6, as Route 53's TestDNSAnswer).
     */
    Result ask(String recordName, String recordType, String resolverIp, String subnetIp, String subnetMask)
            throws ControlException {
        int type = Type.value(recordType == null ? "" : recordType);
        if (type < 0) {
            throw new ControlException("InvalidInput", "recordtype " + recordType + " is not a DNS type");
        }
        Name name;
        try {
            name = ChangeBatch.route53Name(recordName == null ? "" : recordName);
        } catch (TextParseException e) {
            throw new ControlException("InvalidInput", "recordname " + recordName + " is not a valid DNS name");
        }
        Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        if (subnetIp != null) {
            InetAddress subnet = address(subnetIp, "edns0clientsubnetip");
            int max = subnet.getAddress().length * 8;
            int bits;
            try {
                bits = subnetMask == null ? (max == 32 ? 24 : 64) : Integer.parseInt(subnetMask);
            } catch (NumberFormatException e) {
                throw new ControlException("InvalidInput", "edns0clientsubnetmask must be a number, got " + subnetMask);
            }
            if (bits < 0 || bits > max) {
                throw new ControlException("InvalidInput", "edns0clientsubnetmask must be 0 to " + max + ", got " + bits);
            }
            q.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ClientSubnetOption(bits, network(subnet, bits)))),
                    Section.ADDITIONAL);
        }
        byte[] query = q.toWire();
        QuerySlot slot = new QuerySlot(QueryStages.TCP_MAX);
        System.arraycopy(query, 0, slot.in, 0, query.length);
        slot.inLength = query.length;
        byte[] source = address(resolverIp == null ? "127.0.0.1" : resolverIp, "resolverip").getAddress();
        slot.query.source(source, 0, source.length);
        io.meridian.resolver.zone.Explanation why = new QueryStages(zones, 4096).explain(slot);
        try {
            Message answer = new Message(Arrays.copyOf(slot.out, slot.outLength));
            List<Record> records = answer.getSection(Section.ANSWER);
            return new Result(Rcode.string(answer.getRcode()), records.stream().map(RecordValues::value).toList(),
                    records.stream().map(r -> r.getName() + " " + r.getTTL() + " " + Type.string(r.getType()) + " "
                            + RecordValues.value(r)).toList(), why);
        } catch (IOException e) {
            throw new IllegalStateException("the query stages wrote a response dnsjava cannot read", e);
        }
    }
}
