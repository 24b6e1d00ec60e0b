package io.meridian.resolver.store;

import io.meridian.resolver.zone.RecordSet;
import io.meridian.resolver.zone.RoutingPolicy;
import io.meridian.resolver.zone.ZoneException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordCodecTest {
    @Test
    void aBufferUsedForOwnerAfterOwnerHoldsEachOnesEncodingAlone() throws Exception {
        Name big = Name.fromString("big.codec.test.");
        Name small = Name.fromString("s.codec.test.");
        List<Record> bigRecords = List.of(new TXTRecord(big, DClass.IN, 300, "x".repeat(200)),
                new TXTRecord(big, DClass.IN, 300, "y".repeat(200)));
        List<Record> smallRecords = List.of(new ARecord(small, DClass.IN, 60, InetAddress.getByName("192.0.2.1")));

        RecordCodec.Buffer buffer = new RecordCodec.Buffer();
        RecordCodec.encode(bigRecords, List.of(), buffer);
        assertArrayEquals(RecordCodec.encode(bigRecords, List.of()), Arrays.copyOf(buffer.bytes(), buffer.size()));
        RecordCodec.encode(smallRecords, List.of(), buffer);
        byte[] reused = Arrays.copyOf(buffer.bytes(), buffer.size());
        assertArrayEquals(RecordCodec.encode(smallRecords, List.of()), reused, "nothing of the bigger owner before it");
        assertEquals(smallRecords, RecordCodec.decode(reused).records());
    }

    @Test
    void routedSetsAreReadWithoutThePlainRecords() throws Exception {
        Name lb = Name.fromString("lb.codec.test.");
        List<Record> plain = List.of(new TXTRecord(lb, DClass.IN, 300, "kept"), new TXTRecord(lb, DClass.IN, 300, "also"));
        RecordSet blue = new RecordSet(lb, Type.A, "blue", 60, List.of(new ARecord(lb, DClass.IN, 60, InetAddress.getByName("192.0.2.7"))),
                new RoutingPolicy.Weighted(3), null, null);
        byte[] both = RecordCodec.encode(plain, List.of(blue));
        assertEquals(List.of(blue), RecordCodec.routed(both));
        assertEquals(RecordCodec.decode(both).routed(), RecordCodec.routed(both));
        assertEquals(List.of(), RecordCodec.routed(RecordCodec.encode(plain, List.of())));
        assertThrows(ZoneException.class, () -> RecordCodec.routed(Arrays.copyOf(both, both.length - 3)), "a damaged value");
    }
}
