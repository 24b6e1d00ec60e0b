package io.meridian.dashboard.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.dashboard.api.route53.ApiKeys;
import io.meridian.dashboard.web.DashboardUsers;
import io.meridian.dashboard.web.MetricsToken;
import io.meridian.resolver.store.StoreSnapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A backup file: a zip whose first entry, {@code meridian-backup.json}, is the manifest (backup
 * format, the Meridian version that wrote it, when, and every other entry's size and SHA-256);
 * then the store snapshot under {@code store/} and the data directory's secrets (API keys,
 * dashboard users, metrics token). Query logs and the geo cache are left out: the one is history
 * that rolls on its own, the other is rebuilt from the geo files. Reading checks everything
 * before anything is used: a file without the manifest first is foreign, one whose entries do not
 * match it is damaged.
 */
public final class BackupArchive {
    public static final String MANIFEST = "meridian-backup.json";
    static final int FORMAT = 1;
    static final String STORE = "store/";
    /** Secret files of the data directory a backup carries beside the store. */
    static final List<String> SECRETS = List.of(ApiKeys.FILE, DashboardUsers.FILE, MetricsToken.FILE);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a verified backup holds. */
    public record Contents(String meridianVersion, Instant created, StoreSnapshot store, Map<String, byte[]> secrets) {
    }

    private BackupArchive() {
    }

    /** The entries of a backup of {@code dataDir} whose store is {@code snapshot}. */
    public static Map<String, byte[]> entries(StoreSnapshot snapshot, Path dataDir) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        snapshot.files().forEach((name, bytes) -> entries.put(STORE + name, bytes));
        for (String secret : SECRETS) {
            Path file = dataDir.resolve(secret);
            if (Files.exists(file)) {
                entries.put(secret, Files.readAllBytes(file));
            }
        }
        return entries;
    }

    /** Writes the archive: the manifest first, then {@code entries}. */
    public static void write(OutputStream out, Map<String, byte[]> entries, String meridianVersion, Instant created)
            throws IOException {
        ObjectNode manifest = JSON.createObjectNode().put("format", FORMAT).put("meridianVersion", meridianVersion)
                .put("created", created.toString());
        ObjectNode files = manifest.putObject("files");
        entries.forEach((name, bytes) -> files.putObject(name).put("size", bytes.length).put("sha256", sha256(bytes)));
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.closeEntry();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey()));
            zip.write(e.getValue());
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /** Reads and checks a whole archive; every refusal is an IOException with a one-line reason. */
    public static Contents read(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        JsonNode manifest;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry first = zip.getNextEntry();
            if (first == null || !first.getName().equals(MANIFEST)) {
                throw new IOException("not a Meridian backup (it does not start with " + MANIFEST + ")");
            }
            manifest = manifest(zip.readAllBytes());
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!manifest.path("files").has(e.getName()) || entries.containsKey(e.getName())) {
                    throw new IOException("damaged: " + e.getName() + " is not in its manifest, or twice in the archive");
                }
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (java.util.zip.ZipException | java.io.EOFException | IllegalArgumentException e) {
            // ZipInputStream reports an entry name that is not UTF-8 as an IllegalArgumentException.
            throw new IOException("damaged: " + e.getMessage(), e);
        }
        for (var it = manifest.path("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            byte[] bytes = entries.get(f.getKey());
            if (bytes == null) {
                throw new IOException("damaged or cut short: " + f.getKey() + " is missing");
            }
            if (bytes.length != f.getValue().path("size").asLong(-1) || !sha256(bytes).equals(f.getValue().path("sha256").asText())) {
                throw new IOException("damaged: " + f.getKey() + " does not match its checksum");
            }
        }
        Map<String, byte[]> store = new LinkedHashMap<>();
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> {
            if (name.startsWith(STORE)) {
                store.put(name.substring(STORE.length()), bytes);
            } else {
                secrets.put(name, bytes);
            }
        });
        if (!SECRETS.containsAll(secrets.keySet())) {
            throw new IOException("holds files a Meridian backup does not: " + secrets.keySet());
        }
        try {
            return new Contents(manifest.path("meridianVersion").asText(), Instant.parse(manifest.path("created").asText()),
                    StoreSnapshot.of(store), secrets);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException("damaged: the manifest's created time is '" + manifest.path("created").asText() + "'");
        }
    }

    private static JsonNode manifest(byte[] bytes) throws IOException {
        JsonNode m;
        try {
            m = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IOException("damaged: " + MANIFEST + " is not JSON");
        }
        if (m == null || !m.path("format").isInt() || !m.path("files").isObject()) {
            throw new IOException("not a Meridian backup (" + MANIFEST + " has no format and files)");
        }
        if (m.get("format").asInt() != FORMAT) {
            throw new IOException("backup format " + m.get("format").asInt() + " (Meridian " + m.path("meridianVersion").asText()
                    + "); this Meridian reads format " + FORMAT);
        }
        return m;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
