package io.meridian.resolver.reference;

import io.meridian.resolver.reference.QueryCorpus.CorpusQuery;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Queries that break the protocol, built by editing the bytes of a valid query because no
 * client library would produce them. Servers silently drop some of these and answer FORMERR to
 * others; which is which is exactly what side B must match.
 */
final class MalformedQueries {

    /**
     * Where Meridian deliberately differs from Knot: the engine issue asks for FORMERR to every
     * malformed query whose header can be read, while Knot drops these silently.
     */
    static final java.util.Set<String> FORMERR_WHERE_KNOT_DROPS = java.util.Set.of(
            "malformed: header only, QDCOUNT 0", "malformed: question cut short", "malformed: two questions",
            "malformed: header only, QDCOUNT 0, over TCP");

    private MalformedQueries() {
    }

    /** All cases, each asking for {@code apex} SOA, with IDs from {@code ids}; sent over UDP unless named. */
    static List<CorpusQuery> build(Name apex, IntSupplier ids) {
        byte[] good = query(apex, ids, 1);
        return List.of(
                udp("QR set in a query", flipped(query(apex, ids, 1), 2, 0x80)),
                udp("TC set in a query", flipped(query(apex, ids, 1), 2, 0x02)),
                udp("reserved Z bit set", flipped(query(apex, ids, 1), 3, 0x40)),
                udp("header only, QDCOUNT 0", Arrays.copyOf(query(apex, ids, 1), 12)),
                udp("QDCOUNT 1 but no question", flipped(Arrays.copyOf(query(apex, ids, 1), 12), 5, 1)),
                udp("question cut short", Arrays.copyOf(good, good.length - 2)),
                udp("trailing garbage after the question", Arrays.copyOf(query(apex, ids, 1), good.length + 3)),
                udp("shorter than a header", Arrays.copyOf(query(apex, ids, 1), 7)),
                udp("two questions", query(apex, ids, 2)),
                udp("ANCOUNT 1 with no answer record", flipped(query(apex, ids, 1), 7, 1)),
                udp("two OPT records", query(apex, ids, 1, new OPTRecord(1232, 0, 0), new OPTRecord(1232, 0, 0))),
                udp("OPT owner is not the root", query(apex, ids, 1, new OPTRecord(1232, 0, 0).withName(apex))),
                // Knot closes a TCP connection on this one, dropping any queries pipelined after
                // it; as the corpus's last TCP query it ends the last pipelined batch.
                new CorpusQuery("malformed: header only, QDCOUNT 0, over TCP",
                        Arrays.copyOf(query(apex, ids, 1), 12), true));
    }

    private static CorpusQuery udp(String what, byte[] wire) {
        return new CorpusQuery("malformed: " + what, wire, false);
    }

    /** A plain SOA query repeating the question {@code count} times, with these additional records. */
    private static byte[] query(Name name, IntSupplier ids, int count, Record... additional) {
        Message message = new Message(ids.getAsInt());
        for (int i = 0; i < count; i++) {
            message.addRecord(Record.newRecord(name, Type.SOA, DClass.IN), Section.QUESTION);
        }
        for (Record r : additional) {
            message.addRecord(r, Section.ADDITIONAL);
        }
        return message.toWire();
    }

    private static byte[] flipped(byte[] wire, int offset, int bits) {
        wire[offset] ^= (byte) bits;
        return wire;
    }
}
