package io.meridian.dashboard;

import io.meridian.resolver.config.ConfigException;
import io.meridian.resolver.config.MeridianConfig;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.store.ZoneStore;
import io.meridian.resolver.zone.ServingView;
import io.meridian.resolver.zone.ZoneException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code meridian zone import|export|change|list} against the data directory ({@code change}
 * applies a Route 53 change batch in the aws cli's JSON, routing policies included). A running server on the
 * same directory picks up an import within a second (see DataPlane). The command line is checked
 * whole before the store is opened, so a typo never creates or touches a data directory.
 */
final class ZoneCommand {
    private ZoneCommand() {
    }

    static int run(CommandLine cl) throws Meridian.CommandFailed {
        if (cl.positional.isEmpty()) {
            throw new ConfigException("zone needs a subcommand: import, export, change or list");
        }
        String sub = cl.positional.get(0);
        switch (sub) {
            case "import" -> {
                cl.allowOnly("zone import", "--origin", "--config", "--data-dir");
                single(cl, "zone import FILE [--origin NAME]");
            }
            case "export" -> {
                cl.allowOnly("zone export", "--config", "--data-dir");
                single(cl, "zone export NAME");
            }
            case "change" -> {
                cl.allowOnly("zone change", "--config", "--data-dir");
                if (cl.positional.size() != 3) {
                    throw new ConfigException("usage: meridian zone change NAME BATCH.json");
                }
            }
            case "list" -> {
                cl.allowOnly("zone list", "--config", "--data-dir");
                if (cl.positional.size() != 1) {
                    throw new ConfigException("zone list takes no arguments");
                }
            }
            default -> throw new ConfigException("unknown zone subcommand '" + sub + "'; use import, export, change or list");
        }
        MeridianConfig config = cl.config();
        if (sub.equals("import")) {
            return importFile(config, Path.of(cl.positional.get(1)), cl.option("--origin"));
        }
        try (ZoneStore store = ZoneStore.open(config.dataDir(), config.storeSizing())) {
            ZoneService zones = new ZoneService(store, new ServingView(), config.limits());
            switch (sub) {
                case "change" -> {
                    String name = cl.positional.get(1);
                    ZoneService.ZoneSummary zone = zones.list().stream()
                            .filter(z -> z.origin().equalsIgnoreCase(name.endsWith(".") ? name : name + "."))
                            .findFirst().orElseThrow(() -> new Meridian.CommandFailed("no zone " + name + " in " + config.dataDir()));
                    byte[] json = java.nio.file.Files.readAllBytes(Path.of(cl.positional.get(2)));
                    try {
                        ZoneService.ChangeInfo change = zones.changeRecordSets(zone.id(),
                                io.meridian.resolver.control.ChangeBatchJson.parse(json), java.time.Instant.now());
                        System.out.println("applied change " + change.id() + " to " + zone.origin());
                    } catch (io.meridian.resolver.control.ControlException e) {
                        throw new Meridian.CommandFailed(e.code() + ": " + e.getMessage());
                    }
                }
                case "export" -> {
                    String name = cl.positional.get(1);
                    Optional<String> text = zones.export(name);
                    if (text.isEmpty()) {
                        throw new Meridian.CommandFailed("no zone " + name + " in " + config.dataDir());
                    }
                    System.out.print(text.get());
                }
                default -> {
                    for (ZoneService.ZoneSummary z : zones.list()) {
                        System.out.println(z.origin() + "\tserial " + z.serial() + "\t" + z.records() + " records");
                    }
                }
            }
            return 0;
        } catch (ZoneException e) {
            throw new Meridian.CommandFailed(e.getMessage());
        } catch (IOException e) {
            throw new Meridian.CommandFailed("cannot open the data directory " + config.dataDir() + ": " + e.getMessage());
        }
    }

    /**
     * Parses the file while the store opens on another thread (creating a big store's maps takes
     * most of a second, which the parse of a big file then hides); a file that does not parse
     * leaves the store opened meanwhile closed as cleanly as ever.
     */
    private static int importFile(MeridianConfig config, Path file, String origin) throws Meridian.CommandFailed {
        java.util.concurrent.FutureTask<ZoneStore> opening = new java.util.concurrent.FutureTask<>(
                () -> ZoneStore.open(config.dataDir(), config.storeSizing()));
        Thread opener = new Thread(opening, "store-open");
        opener.start();
        io.meridian.resolver.zone.ZoneContent parsed;
        try {
            parsed = ZoneService.parseFile(file, origin);
        } catch (ZoneException e) {
            opened(opening, config).close(); // the store opened meanwhile, closed before the failure is told
            throw new Meridian.CommandFailed(e.getMessage());
        } catch (RuntimeException | Error e) {
            opened(opening, config).close();
            throw e;
        }
        try (ZoneStore store = opened(opening, config)) {
            ZoneService.ZoneSummary z = new ZoneService(store, new ServingView(), config.limits()).importParsed(parsed, file.toString());
            System.out.println("imported " + z.origin() + ": " + z.records() + " records, serial " + z.serial());
            return 0;
        } catch (ZoneException e) {
            throw new Meridian.CommandFailed(e.getMessage());
        }
    }

    /** The store {@code opening} opened, waiting for it; its failure as the command's. */
    private static ZoneStore opened(java.util.concurrent.FutureTask<ZoneStore> opening, MeridianConfig config)
            throws Meridian.CommandFailed {
        try {
            return opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Meridian.CommandFailed("interrupted while opening the data directory " + config.dataDir());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw new Meridian.CommandFailed("cannot open the data directory " + config.dataDir() + ": " + cause.getMessage());
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new Meridian.CommandFailed("cannot open the data directory " + config.dataDir() + ": " + cause);
        }
    }

    private static void single(CommandLine cl, String usage) {
        if (cl.positional.size() != 2) {
            throw new ConfigException("usage: meridian " + usage);
        }
    }
}
