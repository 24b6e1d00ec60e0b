package io.meridian.dashboard;

import io.meridian.dashboard.admin.AdminClient;
import io.meridian.resolver.config.ConfigException;
import io.meridian.resolver.config.MeridianConfig;

import java.io.IOException;
import java.util.List;

/**
 * {@code meridian status} and {@code meridian reload}: requests to the server running on the
 * data directory, over its admin socket; the server's answer is printed as it comes.
 */
final class AdminCommands {
    private AdminCommands() {
    }

    static int run(String command, CommandLine cl) throws Meridian.CommandFailed {
        cl.allowOnly(command, "--config", "--data-dir");
        if (!cl.positional.isEmpty()) {
            throw new ConfigException(command + " takes no arguments, got " + cl.positional);
        }
        MeridianConfig config;
        try {
            config = cl.config();
        } catch (ConfigException e) {
            if (!command.equals("reload")) {
                throw e;
            }
            // The file the server would read again is broken: the server would refuse it just the same.
            throw new Meridian.CommandFailed("reload refused, the running configuration stays in force: " + e.getMessage());
        }
        ask(config, command.toUpperCase(java.util.Locale.ROOT)).forEach(System.out::println);
        return 0;
    }

    /** The lines the server answers {@code request} with; a refusal or no server is a failed command. */
    static List<String> ask(MeridianConfig config, String request) throws Meridian.CommandFailed {
        try {
            return AdminClient.requestLines(config.dataDir(), request);
        } catch (AdminClient.NoServer | AdminClient.Refused e) {
            throw new Meridian.CommandFailed(e.getMessage());
        } catch (IOException e) {
            throw new Meridian.CommandFailed("the server on " + config.dataDir() + " did not answer: " + e.getMessage());
        }
    }
}
