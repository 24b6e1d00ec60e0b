package io.meridian.dashboard;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backups without a server: damaged, cut and foreign archives are refused and leave the data directory untouched. */
class BackupArchiveTest {

    /** Every file under {@code dir} by path, with its SHA-256. */
    private static Map<String, String> fingerprint(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    /** A little-endian 16-bit field of a zip header. */
    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static Path zip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void damagedCutAndForeignArchivesAreRefusedInOneLineAndTheDataStaysAsItWas() throws Exception {
        Path data = CliTest.dataDir("archive");
        Path files = CliTest.dataDir("archive-files");
        assertEquals(0, CliTest.run("zone", "import", CliTest.zoneFile(CliTest.ZONE).toString(), "--data-dir", data.toString()).code());
        String exported = CliTest.run("zone", "export", "cli.test", "--data-dir", data.toString()).out();
        Path good = files.resolve("good.zip");
        CliTest.Result backup = CliTest.run("backup", good.toString(), "--data-dir", data.toString());
        assertEquals(0, backup.code(), backup.err());
        assertTrue(backup.out().startsWith("backed up " + data + " to " + good + ": 1 zones"), backup.out());

        byte[] bytes = Files.readAllBytes(good);
        // A byte of the first store entry's data: somewhere in the middle of the file it could land in
        // a zip header field nothing reads (a timestamp), and the archive would rightly restore.
        int store = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("store/");
        int header = store - 30;
        int dataStart = store + u16(bytes, header + 26) + u16(bytes, header + 28);
        byte[] flipped = bytes.clone();
        flipped[dataStart + 1] ^= 0x5a;
        Path damaged = Files.write(files.resolve("damaged.zip"), flipped);
        Path cut = Files.write(files.resolve("cut.zip"), java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        // A byte that is not UTF-8 in the name of the first entry after the manifest.
        byte[] badName = bytes.clone();
        badName[store + 2] = (byte) 0xFF;
        Path misnamed = Files.write(files.resolve("misnamed.zip"), badName);
        Path foreign = zip(files.resolve("foreign.zip"), Map.of("photo.jpg", "not a backup"));
        Path newer = zip(files.resolve("newer.zip"), Map.of("meridian-backup.json", "{\"format\": 9, \"meridianVersion\": \"9.0\", \"files\": {}}"));
        Path text = Files.writeString(files.resolve("notes.txt"), "hello\n");
        Map<String, String> before = fingerprint(data);
        Map<Path, String> reasons = Map.of(damaged, "damaged", cut, "damaged", misnamed, "damaged", foreign, "not a Meridian backup",
                newer, "backup format 9 (Meridian 9.0); this Meridian reads format 1", text, "not a Meridian backup");
        for (Map.Entry<Path, String> r : reasons.entrySet()) {
            CliTest.Result refused = CliTest.run("restore", r.getKey().toString(), "--data-dir", data.toString());
            assertEquals(1, refused.code(), r.getKey() + ": " + refused.out());
            assertEquals(1, refused.err().lines().count(), refused.err());
            assertTrue(refused.err().startsWith("meridian: " + r.getKey() + " cannot be restored, " + data + " is left as it is: ")
                    && refused.err().contains(r.getValue()), refused.err());
            assertEquals(before, fingerprint(data), r.getKey() + " changed the data directory");
        }
        try (Stream<Path> siblings = Files.list(data.getParent())) {
            assertTrue(siblings.noneMatch(s -> s.getFileName().toString().startsWith("." + data.getFileName())), "no leftovers");
        }
        assertEquals(1, CliTest.run("restore", files.resolve("absent.zip").toString(), "--data-dir", data.toString()).code());
        assertEquals(2, CliTest.run("restore", "--data-dir", data.toString()).code());

        Files.delete(data.resolve("zones.cm"));
        assertEquals(0, CliTest.run("restore", good.toString(), "--data-dir", data.toString()).code());
        assertEquals(exported, CliTest.run("zone", "export", "cli.test", "--data-dir", data.toString()).out());
    }
}
