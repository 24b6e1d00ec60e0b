package io.meridian.resolver.config;

import io.meridian.resolver.testing.DataDirs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** meridian.yaml's numbers and switches: a value of the wrong kind is refused with its setting named, never read as the default. */
class ConfigLoaderTest {
    private final Path config = DataDirs.fresh("config-loader").resolve("meridian.yaml");

    @Test
    void wholeNumbersAndSwitchesAreReadAsWritten() throws Exception {
        MeridianConfig c = load("""
                dns:
                  responseCache: 16
                  udpBatch: 8
                health:
                  concurrency: 4
                  allowPrivateTargets: false
                limits:
                  hostedZones: 7
                queryLog:
                  files: false
                  maxFileMegabytes: 4096
                  retainFiles: 3
                """);
        assertEquals(16, c.dns().responseCache());
        assertEquals(8, c.dns().udpBatch());
        assertEquals(4, c.health().concurrency());
        assertFalse(c.health().allowPrivateTargets());
        assertEquals(7, c.limits().hostedZones());
        assertFalse(c.queryLog().files());
        assertEquals(4096L << 20, c.queryLog().maxFileBytes(), "4 GB: no int overflow");
        assertEquals(3, c.queryLog().retainFiles());
        assertEquals(0, load("dns:\n  responseCache: 0\n").dns().responseCache(), "0 turns the cache off");
    }

    @Test
    void aValueOfTheWrongKindIsRefusedWithItsSettingNamed() throws Exception {
        String[][] bad = {
                {"dns:\n  responseCache: lots\n", "dns.responseCache"},
                {"dns:\n  responseCache: \"32768\"\n", "dns.responseCache"},
                {"dns:\n  udpBatch: 1.5\n", "dns.udpBatch"},
                {"dns:\n  maxUdpPayload: 99999999999\n", "dns.maxUdpPayload"},
                {"health:\n  concurrency: 4x\n", "health.concurrency"},
                {"health:\n  allowPrivateTargets: 1\n", "health.allowPrivateTargets"},
                {"limits:\n  hostedZones: many\n", "limits.hostedZones"},
                {"queryLog:\n  files: sometimes\n", "queryLog.files"},
                {"queryLog:\n  retainFiles: ten\n", "queryLog.retainFiles"},
                {"queryLog:\n  maxFileMegabytes: 2.5\n", "queryLog.maxFileMegabytes"},
                {"http:\n  plain: maybe\n", "http.plain"},
        };
        for (String[] b : bad) {
            ConfigException e = assertThrows(ConfigException.class, () -> load(b[0]), b[0]);
            assertTrue(e.getMessage().contains(b[1]), b[0] + " -> " + e.getMessage());
        }
    }

    /** The README's full block writes null for "none": the query-log directory, the latency table, TLS files. */
    @Test
    void nullMeansNoneForFilesAndDirectories() throws Exception {
        MeridianConfig c = load("""
                http:
                  tls:
                    certificate: null
                    privateKey: null
                geo:
                  latencyTable: null
                queryLog:
                  dir: null
                """);
        assertEquals(null, c.http().certificate());
        assertEquals(null, c.http().privateKey());
        assertEquals(null, c.latencyTable());
        assertEquals(null, c.queryLog().dir());
        assertEquals(Path.of("/var/log/meridian"), load("queryLog:\n  dir: /var/log/meridian\n").queryLog().dir());
    }

    @Test
    void theResponseCacheHoldsWholeSets() throws Exception {
        for (String bad : new String[] {"8", "48", "-16", "2097152"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> load("dns:\n  responseCache: " + bad + "\n"), bad);
            assertTrue(e.getMessage().contains("dns.responseCache must be 0 or a power of two from 16"), e.getMessage());
        }
    }

    private MeridianConfig load(String yaml) throws Exception {
        Files.writeString(config, yaml);
        return ConfigLoader.load(config);
    }
}
