package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.Assumptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One of src/test/e2e's scripts run by node in Debian's headless Chromium, with playwright-core
 * from the directory scripts/test passes as meridian.e2e; a bare mvn run skips the browser tests.
 * Screenshots go to target/screenshots.
 */
final class BrowserScript {
    private BrowserScript() {
    }

    /** Skips the calling test unless a browser and playwright-core are set up. */
    static void assumeAvailable() {
        String e2e = System.getProperty("meridian.e2e");
        Assumptions.assumeTrue(e2e != null && !e2e.isEmpty(), "meridian.e2e not set (scripts/test sets it)");
    }

    static Path screenshots() throws java.io.IOException {
        return Files.createDirectories(Path.of("target", "screenshots")).toAbsolutePath();
    }

    /**
     * Puts the script, and browser.mjs that every script imports, beside playwright-core (node
     * resolves it from the script's own directory); returns where the script now is.
     */
    static Path install(String script) throws java.io.IOException {
        Path dir = Path.of(System.getProperty("meridian.e2e"));
        for (String file : List.of(script, "browser.mjs")) {
            Files.copy(Path.of("src/test/e2e", file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir.resolve(script);
    }

    /** Runs the script with these arguments; returns its output once it exited 0 within 120 s, else fails the test. */
    static String run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", install(script).toString()));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = node.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            node.destroyForcibly();
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "the browser run did not finish in 120 s: " + out);
        assertEquals(0, node.exitValue(), out);
        return out;
    }
}
