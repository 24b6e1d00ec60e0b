package io.meridian.resolver.testing;

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
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** Builds query bytes and reads responses in tests, with dnsjava (never on the hot path). */
public final class Wire {
    private Wire() {
    }

    public static byte[] query(int id, String name, int type) {
        return query(id, name, type, -1, false);
    }

    /** @param ednsPayload -1 for no OPT record */
    public static byte[] query(int id, String name, int type, int ednsPayload, boolean dnssecOk) {
        try {
            Message m = new Message(id);
            m.getHeader().setFlag(Flags.RD);
            m.addRecord(Record.newRecord(Name.fromString(name), type, DClass.IN), Section.QUESTION);
            if (ednsPayload >= 0) {
                m.addRecord(new OPTRecord(ednsPayload, 0, 0, dnssecOk ? 0x8000 : 0), Section.ADDITIONAL);
            }
            return m.toWire();
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Message parse(byte[] wire, int len) {
        try {
            return new Message(java.util.Arrays.copyOf(wire, len));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    public static String type(int t) {
        return Type.string(t);
    }
}
