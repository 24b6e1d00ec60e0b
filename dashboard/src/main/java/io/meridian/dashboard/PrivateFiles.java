package io.meridian.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Secrets the first start generates into the data directory (API key, dashboard admin, metrics
 * token), and backups that hold them: random text, and files only their owner can read (mode
 * 0600 from creation, never wider).
 */
public final class PrivateFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateFiles() {
    }

    /** Replaces {@code file} with {@code text}, created with mode 0600. */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Replaces {@code file} with {@code bytes}, created with mode 0600. */
    public static void write(Path file, byte[] bytes) throws IOException {
        try (java.io.OutputStream out = create(file)) {
            out.write(bytes);
        }
    }

    /** Replaces {@code file} with an empty one of mode 0600 and opens it for writing. */
    public static java.io.OutputStream create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.newOutputStream(file);
    }

    /** {@code length} characters drawn from {@code alphabet} by a SecureRandom. */
    public static String random(String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
