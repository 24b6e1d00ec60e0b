package io.meridian.resolver.control;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordValuesTest {
    static Record parse(int type, String text) throws Exception {
        return Record.fromString(Name.fromString("x.test."), type, DClass.IN, 300, text, Name.root);
    }

    @Test
    void quotesEveryTxtStringAndEscapesQuotesBackslashesAndControlBytes() throws Exception {
        assertEquals("\"wild\"", RecordValues.value(parse(Type.TXT, "wild")));
        assertEquals("\"a \\\"b\\\"\" \"c\\\\d\" \"\\009\"", RecordValues.value(parse(Type.TXT, "\"a \\\"b\\\"\" \"c\\\\d\" \"\\009\"")));
    }

    @Test
    void compressesIpv6AsRfc5952Says() throws Exception {
        assertEquals("2001:db8::80", RecordValues.ipv6(InetAddress.getByName("2001:db8:0:0:0:0:0:80").getAddress()));
        assertEquals("::", RecordValues.ipv6(new byte[16]));
        assertEquals("2001:db8:0:1:1:1:1:1", RecordValues.ipv6(InetAddress.getByName("2001:db8:0:1:1:1:1:1").getAddress()));
        assertEquals("2001:0:0:1::1", RecordValues.ipv6(InetAddress.getByName("2001:0:0:1:0:0:0:1").getAddress()));
        assertEquals("::1", RecordValues.ipv6(InetAddress.getByName("::1").getAddress()));
    }
}
