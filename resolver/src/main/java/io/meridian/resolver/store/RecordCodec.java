package io.meridian.resolver.store;

import io.meridian.resolver.zone.AliasTarget;
import io.meridian.resolver.zone.RecordSet;
import io.meridian.resolver.zone.RecordWire;
import io.meridian.resolver.zone.RoutingPolicy;
import io.meridian.resolver.zone.ZoneException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stored form of what one owner name holds: a format byte, the plain records (count, then each as
 * a 2-byte length and its uncompressed wire form, exactly as dnsjava reads it back), then the
 * routed record sets. Format 1 (plain records only, written before routed sets existed) is still
 * read, so an older data directory serves unchanged.
 */
final class RecordCodec {
    static final int VERSION = 2;
    private static final int PLAIN_ONLY = 1;

    private RecordCodec() {
    }

    /** What one owner name holds. */
    record Owner(List<Record> records, List<RecordSet> routed) {
    }

    static byte[] encode(List<Record> records, List<RecordSet> routed) {
        Buffer bytes = new Buffer();
        encode(records, routed, bytes);
        return bytes.toByteArray();
    }

    /** Encodes what one owner holds into {@code bytes}, emptied first (a writer of many owners keeps one). */
    static void encode(List<Record> records, List<RecordSet> routed, Buffer bytes) {
        bytes.reset();
        DataOutputStream out = bytes.data;
        try {
            out.writeByte(VERSION);
            writeRecords(out, records);
            out.writeShort(routed.size());
            for (RecordSet s : routed) {
                writeRoutedSet(out, s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An encoding's bytes, read in place: the first {@code size()} of {@link #bytes()}. */
    static final class Buffer extends ByteArrayOutputStream {
        private final DataOutputStream data = new DataOutputStream(this);

        Buffer() {
            super(256);
        }

        byte[] bytes() {
            return buf;
        }
    }

    static Owner decode(byte[] value) throws ZoneException {
        return decode(value, true);
    }

    /**
     * The routed record sets alone, the plain records stepped over unread: dnsjava's reading of a
     * record is most of a decode, and a zone file's import needs only what the API made.
     */
    static List<RecordSet> routed(byte[] value) throws ZoneException {
        return decode(value, false).routed();
    }

    private static Owner decode(byte[] value, boolean withRecords) throws ZoneException {
        if (value.length == 0 || (value[0] != VERSION && value[0] != PLAIN_ONLY)) {
            throw new ZoneException("stored zone data has format version " + (value.length == 0 ? "none" : value[0])
                    + "; this Meridian reads versions " + PLAIN_ONLY + " and " + VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value, 1, value.length - 1))) {
            if (value[0] == PLAIN_ONLY) {
                List<Record> records = new ArrayList<>();
                while (withRecords && in.available() > 0) {
                    records.add(readRecord(in));
                }
                return new Owner(records, List.of());
            }
            List<Record> records = withRecords ? readRecords(in) : skipRecords(in);
            List<RecordSet> routed = new ArrayList<>();
            for (int n = in.readUnsignedShort(); n > 0; n--) {
                routed.add(readRoutedSet(in));
            }
            return new Owner(records, routed);
        } catch (IOException | RuntimeException e) {
            throw new ZoneException("stored zone data is damaged: " + e.getMessage(), e);
        }
    }

    private static void writeRecords(DataOutputStream out, List<Record> records) throws IOException {
        out.writeInt(records.size());
        for (Record r : records) {
            byte[] wire = RecordWire.record(r);
            out.writeShort(wire.length);
            out.write(wire);
        }
    }

    private static List<Record> readRecords(DataInputStream in) throws IOException {
        List<Record> out = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            out.add(readRecord(in));
        }
        return out;
    }

    private static List<Record> skipRecords(DataInputStream in) throws IOException {
        for (int n = in.readInt(); n > 0; n--) {
            in.skipNBytes(in.readUnsignedShort());
        }
        return List.of();
    }

    private static Record readRecord(DataInputStream in) throws IOException {
        byte[] wire = new byte[in.readUnsignedShort()];
        in.readFully(wire);
        return Record.fromWire(wire, Section.ANSWER);
    }

    private static void writeRoutedSet(DataOutputStream out, RecordSet s) throws IOException {
        writeName(out, s.name());
        out.writeShort(s.type());
        writeOptional(out, s.setIdentifier());
        out.writeLong(s.ttl());
        writeRecords(out, s.records());
        writeOptional(out, s.healthCheckId());
        out.writeBoolean(s.alias() != null);
        if (s.alias() != null) {
            out.writeUTF(s.alias().hostedZoneId());
            writeName(out, s.alias().dnsName());
            out.writeBoolean(s.alias().evaluateTargetHealth());
        }
        writeRouting(out, s.routing());
    }

    private static RecordSet readRoutedSet(DataInputStream in) throws IOException {
        Name name = readName(in);
        int type = in.readUnsignedShort();
        String setIdentifier = readOptional(in);
        long ttl = in.readLong();
        List<Record> records = readRecords(in);
        String healthCheckId = readOptional(in);
        AliasTarget alias = in.readBoolean() ? new AliasTarget(in.readUTF(), readName(in), in.readBoolean()) : null;
        return new RecordSet(name, type, setIdentifier, ttl, records, readRouting(in), alias, healthCheckId);
    }

    private static void writeRouting(DataOutputStream out, RoutingPolicy routing) throws IOException {
        if (routing == null) {
            out.writeByte(0);
        } else if (routing instanceof RoutingPolicy.Weighted w) {
            out.writeByte(1);
            out.writeLong(w.weight());
        } else if (routing instanceof RoutingPolicy.Latency l) {
            out.writeByte(2);
            out.writeUTF(l.region());
        } else if (routing instanceof RoutingPolicy.Geolocation g) {
            out.writeByte(3);
            writeOptional(out, g.continentCode());
            writeOptional(out, g.countryCode());
            writeOptional(out, g.subdivisionCode());
        } else if (routing instanceof RoutingPolicy.Failover f) {
            out.writeByte(4);
            out.writeUTF(f.role());
        } else if (routing instanceof RoutingPolicy.MultiValue) {
            out.writeByte(5);
        } else if (routing instanceof RoutingPolicy.IpBased c) {
            out.writeByte(6);
            out.writeUTF(c.collectionId());
            out.writeUTF(c.locationName());
        } else if (routing instanceof RoutingPolicy.Geoproximity g) {
            out.writeByte(7);
            writeOptional(out, g.awsRegion());
            writeOptional(out, g.localZoneGroup());
            writeOptional(out, g.latitude());
            writeOptional(out, g.longitude());
            out.writeBoolean(g.bias() != null);
            out.writeInt(g.bias() == null ? 0 : g.bias());
        }
    }

    private static RoutingPolicy readRouting(DataInputStream in) throws IOException {
        int kind = in.readUnsignedByte();
        return switch (kind) {
            case 0 -> null;
            case 1 -> new RoutingPolicy.Weighted(in.readLong());
            case 2 -> new RoutingPolicy.Latency(in.readUTF());
            case 3 -> new RoutingPolicy.Geolocation(readOptional(in), readOptional(in), readOptional(in));
            case 4 -> new RoutingPolicy.Failover(in.readUTF());
            case 5 -> new RoutingPolicy.MultiValue();
            case 6 -> new RoutingPolicy.IpBased(in.readUTF(), in.readUTF());
            case 7 -> {
                String region = readOptional(in);
                String group = readOptional(in);
                String lat = readOptional(in);
                String lon = readOptional(in);
                boolean hasBias = in.readBoolean();
                int bias = in.readInt();
                yield new RoutingPolicy.Geoproximity(region, group, lat, lon, hasBias ? bias : null);
            }
            default -> throw new IOException("unknown routing policy kind " + kind);
        };
    }

    private static void writeOptional(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeName(DataOutputStream out, Name name) throws IOException {
        byte[] wire = RecordWire.name(name);
        out.writeByte(wire.length);
        out.write(wire);
    }

    private static Name readName(DataInputStream in) throws IOException {
        byte[] wire = new byte[in.readUnsignedByte()];
        in.readFully(wire);
        return new Name(wire);
    }

    static Name name(byte[] wire) {
        try {
            return new Name(wire);
        } catch (IOException e) {
            throw new IllegalStateException("stored zone name is damaged", e);
        }
    }
}
