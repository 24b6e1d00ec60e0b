package io.meridian.dashboard;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The meridian command as a user types it: exit codes, one-line errors, import/list/export. */
public class CliTest {
    public static final String ZONE = """
            $ORIGIN cli.test.
            $TTL 300
            @ SOA ns1 hostmaster 7 3600 600 86400 60
            @ NS ns1
            ns1 A 192.0.2.53
            www A 192.0.2.80
            """;

    public record Result(int code, String out, String err) {
    }

    public static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Meridian.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    public static Path dataDir(String name) throws IOException {
        return io.meridian.resolver.testing.DataDirs.fresh(name);
    }

    public static Path zoneFile(String text) throws IOException {
        Files.createDirectories(Path.of("target", "zones"));
        Path f = Files.createTempFile(Path.of("target", "zones"), "z", ".zone");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void importsListsAndExportsAZone() throws IOException {
        String data = dataDir("cli").toString();
        Result imported = run("zone", "import", zoneFile(ZONE).toString(), "--data-dir", data);
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("imported cli.test.: 4 records, serial 7"), imported.out());
        Result list = run("zone", "list", "--data-dir", data);
        assertEquals("cli.test.\tserial 7\t4 records\n", list.out());
        Result export = run("zone", "export", "cli.test", "--data-dir", data);
        assertEquals(0, export.code());
        assertTrue(export.out().startsWith("$ORIGIN cli.test.\ncli.test.\t\t300\tIN\tSOA"), export.out());
    }

    @Test
    void appliesAnAwsCliChangeBatchWithRoutingPolicies() throws IOException {
        String data = dataDir("change").toString();
        assertEquals(0, run("zone", "import", zoneFile(ZONE).toString(), "--data-dir", data).code());
        Path batch = Files.createTempFile(Path.of("target", "zones"), "batch", ".json");
        Files.writeString(batch, """
                {"Comment": "blue/green", "Changes": [
                  {"Action": "DELETE", "ResourceRecordSet": {"Name": "www.cli.test.", "Type": "A", "TTL": 300,
                    "ResourceRecords": [{"Value": "192.0.2.80"}]}},
                  {"Action": "CREATE", "ResourceRecordSet": {"Name": "www.cli.test.", "Type": "A", "SetIdentifier": "blue",
                    "Weight": 9, "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.81"}]}},
                  {"Action": "CREATE", "ResourceRecordSet": {"Name": "www.cli.test.", "Type": "A", "SetIdentifier": "green",
                    "Weight": 1, "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.82"}]}}]}
                """);
        Result applied = run("zone", "change", "cli.test", batch.toString(), "--data-dir", data);
        assertEquals(0, applied.code(), applied.err());
        assertTrue(applied.out().startsWith("applied change C"), applied.out());
        String export = run("zone", "export", "cli.test", "--data-dir", data).out();
        assertTrue(export.contains("SetIdentifier=blue Weighted[weight=9] | 192.0.2.81"), export);
        Result again = run("zone", "change", "cli.test", batch.toString(), "--data-dir", data);
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("meridian: InvalidChangeBatch: [Tried to delete resource record set"), again.err());
        Files.writeString(batch, "{\"Changes\": [");
        assertTrue(run("zone", "change", "cli.test", batch.toString(), "--data-dir", data).err().contains("not valid JSON"));
    }

    @Test
    void aBrokenZoneFileFailsWithOneLineNamingFileAndLine() throws IOException {
        String data = dataDir("broken").toString();
        Path file = zoneFile(ZONE + "bad A 1.2.3\n");
        Result r = run("zone", "import", file.toString(), "--data-dir", data);
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("meridian: ") && r.err().contains(file.getFileName() + ":7"), r.err());
        // The store opens while the file is parsed: the failed parse still closes it cleanly.
        assertTrue(Files.exists(Path.of(data, "clean")), "the store was not closed cleanly");
        assertEquals("", run("zone", "list", "--data-dir", data).out());
    }

    @Test
    void badCommandLinesGetOneLineAndExitTwo() {
        for (String[] args : new String[][] {
                {"frobnicate"}, {"serve", "--bogus", "x"}, {"zone"}, {"zone", "import"}, {"serve", "--dns", "nohost"},
                {"serve", "--dns", "127.0.0.1:99999"}, {"zone", "list", "--origin", "x"}, {"serve", "--config", "/nonexistent.yaml"}}) {
            Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("meridian: "), r.err());
        }
    }

    @Test
    void aBadCommandLineNeverCreatesTheDataDirectory() {
        Path untouched = Path.of("target", "data", "never-created-" + System.nanoTime());
        for (String[] args : new String[][] {
                {"zone", "import", "--data-dir", untouched.toString()}, {"zone", "list", "extra", "--data-dir", untouched.toString()},
                {"zone", "export", "--data-dir", untouched.toString()}, {"zone", "frob", "--data-dir", untouched.toString()}}) {
            assertEquals(2, run(args).code(), String.join(" ", args));
        }
        assertTrue(!Files.exists(untouched), "a rejected command line created " + untouched);
    }

    @Test
    void exportOfAMissingZoneFails() throws IOException {
        Result r = run("zone", "export", "missing.test", "--data-dir", dataDir("missing").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no zone missing.test"), r.err());
    }
}
