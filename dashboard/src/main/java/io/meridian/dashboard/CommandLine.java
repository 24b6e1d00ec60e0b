package io.meridian.dashboard;

import io.meridian.resolver.config.ConfigException;
import io.meridian.resolver.config.ConfigLoader;
import io.meridian.resolver.config.MeridianConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed arguments after the command word: positional words and {@code --flag VALUE} options
 * ({@code --zone} may repeat), and the configuration they select: defaults, then the config
 * file, then flags.
 */
final class CommandLine {
    private static final Set<String> FLAGS = Set.of("--config", "--data-dir", "--dns", "--http", "--zone", "--origin", "--geo",
            "--name", "--type", "--rcode", "--client", "--lines", "--since", "--until", "--out", "--cert", "--key");
    /** Options that take no value. */
    private static final Set<String> SWITCHES = Set.of("--follow");

    final List<String> positional = new ArrayList<>();
    final Map<String, List<String>> options = new LinkedHashMap<>();

    static CommandLine parse(List<String> args) {
        CommandLine cl = new CommandLine();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (SWITCHES.contains(arg)) {
                cl.options.computeIfAbsent(arg, k -> new ArrayList<>()).add("true");
            } else if (arg.startsWith("--")) {
                if (!FLAGS.contains(arg)) {
                    throw new ConfigException("unknown option " + arg + "; try: meridian --help");
                }
                if (i + 1 >= args.size()) {
                    throw new ConfigException("option " + arg + " needs a value");
                }
                cl.options.computeIfAbsent(arg, k -> new ArrayList<>()).add(args.get(++i));
            } else {
                cl.positional.add(arg);
            }
        }
        return cl;
    }

    String option(String name) {
        List<String> v = options.get(name);
        if (v == null) {
            return null;
        }
        if (v.size() > 1) {
            throw new ConfigException("option " + name + " given more than once");
        }
        return v.get(0);
    }

    /** Whether a switch (an option without a value, such as --follow) was given. */
    boolean flag(String name) {
        return options.containsKey(name);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    void allowOnly(String command, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String flag : options.keySet()) {
            if (!ok.contains(flag)) {
                throw new ConfigException(command + " does not take " + flag);
            }
        }
    }

    MeridianConfig config() {
        String file = option("--config");
        MeridianConfig c;
        if (file != null) {
            if (!Files.isReadable(Path.of(file))) {
                throw new ConfigException("cannot read config file " + file);
            }
            c = ConfigLoader.load(Path.of(file));
        } else {
            c = MeridianConfig.defaults();
        }
        if (option("--data-dir") != null) {
            c = c.withDataDir(Path.of(option("--data-dir")));
        }
        if (option("--dns") != null) {
            c = c.withDns(c.dns().withListen(ConfigLoader.address("--dns", option("--dns"))));
        }
        if (option("--http") != null) {
            c = c.withHttp(c.http().withListen(ConfigLoader.address("--http", option("--http"))));
        }
        if (option("--geo") != null) {
            c = c.withGeoDatabases(List.of(Path.of(option("--geo"))));
        }
        if (!all("--zone").isEmpty()) {
            List<Path> zones = new ArrayList<>(c.zones());
            all("--zone").forEach(z -> zones.add(Path.of(z)));
            c = c.withZones(zones);
        }
        return c;
    }
}
