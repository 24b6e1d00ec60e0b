package io.meridian.dashboard.web;

import io.meridian.dashboard.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bearer token Prometheus sends for /metrics: {@code DATA_DIR/metrics-token}, made at the first start (mode 0600). */
public final class MetricsToken {
    public static final String FILE = "metrics-token";

    private MetricsToken() {
    }

    public static String load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (token.length() >= 20) {
                return token;
            }
        }
        String token = Sessions.token();
        PrivateFiles.write(file, token + "\n");
        return token;
    }
}
