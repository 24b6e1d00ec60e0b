package io.meridian.resolver.store;

import io.meridian.resolver.zone.ZoneException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stored form of a list of records: a format version byte, then each record as a 2-byte length and its
 * uncompressed wire form (owner, type, class, TTL, RDATA), exactly as dnsjava reads it back.
 */
final class RecordCodec {
    static final int VERSION = 1;

    private RecordCodec() {
    }

    static byte[] encode(List<Record> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        for (Record r : records) {
            byte[] wire = r.toWire(Section.ANSWER);
            out.write(wire.length >>> 8);
            out.write(wire.length);
            out.write(wire, 0, wire.length);
        }
        return out.toByteArray();
    }

    static List<Record> decode(byte[] value) throws ZoneException {
        if (value.length == 0 || value[0] != VERSION) {
            throw new ZoneException("stored zone data has format version " + (value.length == 0 ? "none" : value[0])
                    + "; this Meridian reads version " + VERSION);
        }
        List<Record> out = new ArrayList<>();
        int pos = 1;
        try {
            while (pos < value.length) {
                int len = ((value[pos] & 0xFF) << 8) | (value[pos + 1] & 0xFF);
                out.add(Record.fromWire(java.util.Arrays.copyOfRange(value, pos + 2, pos + 2 + len), Section.ANSWER));
                pos += 2 + len;
            }
        } catch (IOException | RuntimeException e) {
            throw new ZoneException("stored zone data is damaged: " + e.getMessage(), e);
        }
        return out;
    }

    static Name name(byte[] wire) {
        try {
            return new Name(wire);
        } catch (IOException e) {
            throw new IllegalStateException("stored zone name is damaged", e);
        }
    }
}
