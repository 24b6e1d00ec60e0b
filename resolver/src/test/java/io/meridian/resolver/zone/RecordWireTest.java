package io.meridian.resolver.zone;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every wire form RecordWire makes is byte for byte what dnsjava's own toWire makes. */
class RecordWireTest {
    private static final String ZONE = """
            $ORIGIN Wire.Test.
            $TTL 300
            @ SOA Ns1 HostMaster.Wire.Test. 1 3600 600 86400 60
            @ NS ns1
            @ NS NS2.Elsewhere.Test.
            ns1 A 192.0.2.1
            Mixed.Case 60 AAAA 2001:db8::1
            lower TXT "Some Text" "and more"
            spf SPF "v=spf1 -all"
            @ CAA 0 issue "ca.Example.net"
            ssh SSHFP 1 1 0123456789abcdef0123456789abcdef01234567
            _443._tcp TLSA 3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
            sub DS 12345 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE49FD46E6C4B45C55D4AC69CB
            Mail MX 10 Mail.Wire.Test.
            alias CNAME Target.Elsewhere.Test.
            _sip._udp SRV 0 5 5060 SipHost
            Ptr PTR Host.Wire.Test.
            """;

    private static List<Record> records() throws Exception {
        List<Record> out = new ArrayList<>();
        try (Master m = new Master(new ByteArrayInputStream(ZONE.getBytes(StandardCharsets.US_ASCII)))) {
            for (Record r; (r = m.nextRecord()) != null; ) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void namesRecordsAndRdataAreDnsjavasOwnWireForm() throws Exception {
        List<Record> records = records();
        assertEquals(15, records.size());
        for (Record r : records) {
            byte[] full = r.toWire(Section.ANSWER);
            assertArrayEquals(full, RecordWire.record(r), r.toString());
            assertArrayEquals(Arrays.copyOfRange(full, r.getName().length() + 10, full.length), RecordWire.rdata(r), r.toString());
            assertArrayEquals(r.getName().toWire(), RecordWire.name(r.getName()), r.toString());
        }
        Name mixed = Name.fromString("Mixed.Case.Wire.Test.");
        assertArrayEquals(mixed.toWire(), RecordWire.name(mixed), "a name keeps its case");
    }

    @Test
    void onlyTypesWithoutNamesInTheirRdataTakeTheShortPath() {
        for (int type : new int[] {Type.NS, Type.MX, Type.CNAME, Type.SRV, Type.PTR, Type.SOA, Type.NAPTR, Type.SVCB,
                Type.HTTPS, Type.DNAME, Type.RP, Type.AFSDB, Type.KX}) {
            assertFalse(RecordWire.holdsNoNames(type), Type.string(type));
        }
    }
}
