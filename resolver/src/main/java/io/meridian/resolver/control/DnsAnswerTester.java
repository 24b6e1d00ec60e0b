package io.meridian.resolver.control;

import io.meridian.resolver.pipeline.QuerySlot;
import io.meridian.resolver.pipeline.QueryStages;
import io.meridian.resolver.zone.ZoneIndex;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
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

    /** What the appliance answers: the RCODE's name and the answer section's values. */
    record Result(String responseCode, List<String> data) {
    }

    Result ask(String recordName, String recordType) throws ControlException {
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
        byte[] query = Message.newQuery(Record.newRecord(name, type, DClass.IN)).toWire();
        QuerySlot slot = new QuerySlot(QueryStages.TCP_MAX);
        System.arraycopy(query, 0, slot.in, 0, query.length);
        slot.inLength = query.length;
        new QueryStages(zones, 4096).process(slot, true);
        try {
            Message answer = new Message(Arrays.copyOf(slot.out, slot.outLength));
            return new Result(Rcode.string(answer.getRcode()),
                    answer.getSection(Section.ANSWER).stream().map(RecordValues::value).toList());
        } catch (IOException e) {
            throw new IllegalStateException("the query stages wrote a response dnsjava cannot read", e);
        }
    }
}
