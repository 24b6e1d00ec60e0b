package io.meridian.dashboard.web;

import io.meridian.dashboard.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may log in to the dashboard: users with password hashes from the config
 * ({@code dashboard.users}) and from {@code dashboard-users} in the data directory, where the
 * first start writes an {@code admin} with a generated password (mode 0600; the password itself
 * is printed once, only its hash is kept).
 */
public final class DashboardUsers {
    public static final String FILE = "dashboard-users";
    private static final String CHARS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Map<String, String> hashes;
    private final String generatedPassword;
    private final Path file;

    private DashboardUsers(Map<String, String> hashes, String generatedPassword, Path file) {
        this.hashes = hashes;
        this.generatedPassword = generatedPassword;
        this.file = file;
    }

    /** @param configured name -> hash from the config */
    public static DashboardUsers load(Map<String, String> configured, Path dataDir) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>(configured);
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (!line.isBlank() && colon > 0 && PasswordHash.wellFormed(line.substring(colon + 1).trim())) {
                    hashes.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                } else if (!line.isBlank()) {
                    throw new IOException(file + ": expected NAME:pbkdf2-sha256$..., got a line that is not");
                }
            }
        }
        String generated = null;
        if (hashes.isEmpty()) {
            generated = PrivateFiles.random(CHARS, 20);
            String hash = PasswordHash.hash(generated.toCharArray());
            PrivateFiles.write(file, "admin:" + hash + "\n");
            hashes.put("admin", hash);
        }
        return new DashboardUsers(hashes, generated, file);
    }

    public boolean check(String name, String password) {
        String hash = name == null ? null : hashes.get(name);
        // Hash even for an unknown user, so the time taken does not tell which names exist.
        boolean ok = PasswordHash.matches(password == null ? new char[0] : password.toCharArray(),
                hash != null ? hash : "pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        return hash != null && ok;
    }

    /** The admin password made at this start (to print once), or null when users existed already. */
    public String generatedPassword() {
        return generatedPassword;
    }

    public Path file() {
        return file;
    }

    public List<String> names() {
        return List.copyOf(hashes.keySet());
    }
}
