package io.meridian.resolver.testing;

import io.meridian.resolver.zone.ServingZone;
import io.meridian.resolver.zone.ZoneCompiler;
import io.meridian.resolver.zone.ZoneContent;
import io.meridian.resolver.zone.ZoneException;
import io.meridian.resolver.zone.ZoneFileParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Zone text for tests, written under target/ and parsed the way an import does. */
public final class TestZones {
    public static final String EXAMPLE_COM = """
            $ORIGIN example.com.
            $TTL 3600
            @ IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300
            @ NS ns1
            @ NS ns2.other.net.
            @ MX 10 mail
            @ A 192.0.2.1
            ns1 A 192.0.2.53
            mail A 192.0.2.25
            mail AAAA 2001:db8::25
            www A 192.0.2.80
            api CNAME www
            loop1 CNAME loop2
            loop2 CNAME loop1
            dangling CNAME nowhere
            *.wild A 192.0.2.99
            host.wild A 192.0.2.98
            a.b.c.ent TXT "deep"
            sub NS ns.sub
            sub NS ns.other.net.
            ns.sub A 192.0.2.77
            sub DS 12345 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE11C8E45E5C1E7C8F8EF5D36A
            """;

    private TestZones() {
    }

    public static Path write(String name, String text) {
        try {
            Path dir = Path.of("target", "test-zones");
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, name, ".zone");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ZoneContent parse(String text) throws ZoneException {
        return ZoneFileParser.parse(write("zone", text), null);
    }

    public static ServingZone compile(String text) throws ZoneException {
        return ZoneCompiler.compile(parse(text));
    }
}
