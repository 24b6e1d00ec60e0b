package io.meridian.dashboard;

import io.meridian.resolver.config.ConfigException;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code meridian} command: {@code serve} runs the appliance; {@code status}, {@code reload}
 * and {@code backup} ask the running one over its admin socket; {@code restore} puts a backup back;
 * {@code zone ...} manages zones in the data directory, {@code querylog tail|export} reads the
 * query-log files, {@code dashboard hash-password} makes a hash for dashboard.users, {@code tls
 * self-signed} a first certificate. A bad command line prints one line and exits non-zero.
 */
public final class Meridian {
    static final String USAGE = """
            usage: meridian serve [--config FILE] [--data-dir DIR] [--dns HOST:PORT] [--http HOST:PORT] [--zone FILE]... [--geo DIR]
                   meridian status [--config FILE] [--data-dir DIR]
                   meridian reload [--config FILE] [--data-dir DIR]
                   meridian backup FILE [--config FILE] [--data-dir DIR]
                   meridian restore FILE [--config FILE] [--data-dir DIR]
                   meridian tls self-signed --cert FILE --key FILE [--name HOST]...
                   meridian --version
                   meridian zone import FILE [--origin NAME] [--config FILE] [--data-dir DIR]
                   meridian zone export NAME [--config FILE] [--data-dir DIR]
                   meridian zone change NAME BATCH.json [--config FILE] [--data-dir DIR]
                   meridian zone list [--config FILE] [--data-dir DIR]
                   meridian querylog tail [--lines N] [--follow] [FILTERS] [--config FILE] [--data-dir DIR]
                   meridian querylog export [--since TIME] [--until TIME] [--out FILE] [FILTERS] [--config FILE] [--data-dir DIR]
                   meridian dashboard hash-password < PASSWORD
            FILTERS: --zone ZONE-ID-OR-DOMAIN --name TEXT --type TYPE --rcode RCODE --client ADDRESS[/BITS]""";

    private Meridian() {
    }

    public static void main(String[] args) {
        // Before any Chronicle class loads (STACK.md §2): no phoning home, no banner.
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        System.exit(run(args));
    }

    static int run(String[] args) {
        List<String> a = Arrays.asList(args);
        try {
            if (a.isEmpty() || a.contains("--help") || a.contains("-h")) {
                System.out.println(USAGE);
                return a.isEmpty() ? 2 : 0;
            }
            if (a.equals(List.of("--version")) || a.equals(List.of("version"))) {
                System.out.println("meridian " + Version.current());
                return 0;
            }
            CommandLine cl = CommandLine.parse(a.subList(1, a.size()));
            return switch (a.get(0)) {
                case "serve" -> ServeCommand.run(cl);
                case "status" -> AdminCommands.run("status", cl);
                case "reload" -> AdminCommands.run("reload", cl);
                case "backup", "restore" -> BackupCommand.run(a.get(0), cl);
                case "tls" -> TlsCommand.run(cl);
                case "zone" -> ZoneCommand.run(cl);
                case "querylog" -> QueryLogCommand.run(cl);
                case "dashboard" -> hashPassword(cl);
                default -> throw new ConfigException("unknown command '" + a.get(0) + "'; try: meridian --help");
            };
        } catch (ConfigException e) {
            System.err.println("meridian: " + e.getMessage());
            return 2;
        } catch (CommandFailed e) {
            System.err.println("meridian: " + e.getMessage());
            return 1;
        }
    }

    /** {@code meridian dashboard hash-password}: the hash of the password on standard input, for dashboard.users. */
    private static int hashPassword(CommandLine cl) throws CommandFailed {
        if (cl.positional.size() != 1 || !cl.positional.get(0).equals("hash-password")) {
            throw new ConfigException("usage: meridian dashboard hash-password < password");
        }
        try {
            String password = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (password == null || password.isEmpty()) {
                throw new CommandFailed("no password on standard input");
            }
            System.out.println(io.meridian.dashboard.web.PasswordHash.hash(password.toCharArray()));
            return 0;
        } catch (java.io.IOException e) {
            throw new CommandFailed("cannot read standard input: " + e.getMessage());
        }
    }

    /** A command that ran and failed (e.g. a zone file with an error): exit status 1. */
    static final class CommandFailed extends Exception {
        CommandFailed(String message) {
            super(message);
        }
    }
}
