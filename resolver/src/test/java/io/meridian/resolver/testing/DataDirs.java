package io.meridian.resolver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Fresh data directories under target/data, one per test. The directories of earlier runs are
 * removed when this test JVM first asks for one: Chronicle Map writes its files out at creation
 * (tens of megabytes per store), and repeated local runs without `mvn clean` had filled the disk.
 */
public final class DataDirs {
    private static final Path ROOT = Path.of("target", "data");

    static {
        deleteTree(ROOT);
    }

    private DataDirs() {
    }

    public static Path fresh(String name) {
        try {
            Files.createDirectories(ROOT);
            return Files.createTempDirectory(ROOT, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + root + " of earlier runs", e);
        }
    }
}
