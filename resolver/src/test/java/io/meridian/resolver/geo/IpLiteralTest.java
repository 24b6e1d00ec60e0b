package io.meridian.resolver.geo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IpLiteralTest {
    @Test
    void readsAddressLiteralsAndNothingThatWouldBeLookedUp() {
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, IpLiteral.parse("192.0.2.1").getAddress());
        assertArrayEquals(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                IpLiteral.parse("2001:db8::1").getAddress());
        // Hex letters alone, or a name: the JDK would ask DNS for these.
        for (String notLiteral : new String[] {"cafe", "beef", "example.com", "localhost", "", "192.0.2.1/24", "fe80::1%eth0"}) {
            assertNull(IpLiteral.parse(notLiteral), notLiteral);
        }
        assertNull(IpLiteral.parse(null));
        assertNull(IpLiteral.parse("300.1.1.1"));
    }
}
