package io.meridian.resolver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh data directories under target/, one per test. */
public final class DataDirs {
    private DataDirs() {
    }

    public static Path fresh(String name) {
        try {
            Path root = Path.of("target", "data");
            Files.createDirectories(root);
            return Files.createTempDirectory(root, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
