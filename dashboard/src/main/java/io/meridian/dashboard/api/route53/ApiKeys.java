package io.meridian.dashboard.api.route53;

import io.meridian.dashboard.PrivateFiles;
import io.meridian.resolver.config.ConfigException;
import io.meridian.resolver.config.MeridianConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The access keys the Route 53 API accepts: from the config ({@code api.keys}), from
 * {@code MERIDIAN_API_KEYS="ID:SECRET[,ID:SECRET]"}, and from {@code api-keys} in the data
 * directory, where the first start writes a generated key (mode 0600) when none is configured.
 */
public final class ApiKeys {
    public static final String FILE = "api-keys";
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Map<String, String> secrets;
    private final Path generated;

    private ApiKeys(Map<String, String> secrets, Path generated) {
        this.secrets = secrets;
        this.generated = generated;
    }

    public static ApiKeys load(MeridianConfig config, String environment) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (MeridianConfig.ApiKey k : config.apiKeys()) {
            keys.put(k.id(), k.secret());
        }
        keys.putAll(parse(environment, "MERIDIAN_API_KEYS"));
        Path file = config.dataDir().resolve(FILE);
        if (Files.exists(file)) {
            keys.putAll(parse(String.join(",", Files.readAllLines(file, StandardCharsets.UTF_8)), file.toString()));
        }
        Path generated = null;
        if (keys.isEmpty()) {
            String id = "AKIA" + PrivateFiles.random(ID_CHARS, 16);
            String secret = PrivateFiles.random(SECRET_CHARS, 40);
            PrivateFiles.write(file, id + ":" + secret + "\n");
            keys.put(id, secret);
            generated = file;
        }
        return new ApiKeys(keys, generated);
    }

    /** Parses {@code ID:SECRET[,ID:SECRET]}; blank means none. */
    static Map<String, String> parse(String text, String source) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return keys;
        }
        for (String pair : List.of(text.trim().split(","))) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            if (colon <= 0 || colon == p.length() - 1) {
                throw new ConfigException(source + ": expected ID:SECRET pairs separated by commas");
            }
            keys.put(p.substring(0, colon), p.substring(colon + 1));
        }
        return keys;
    }

    /** The secret of {@code id}, or null when the key is unknown. */
    String secret(String id) {
        return secrets.get(id);
    }

    /** Where a key was generated on this start, or null. */
    public Path generatedFile() {
        return generated;
    }
}
