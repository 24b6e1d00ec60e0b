package io.meridian.dashboard;

import io.meridian.dashboard.admin.AdminClient;
import io.meridian.dashboard.backup.BackupArchive;
import io.meridian.dashboard.backup.DataDirRestore;
import io.meridian.resolver.config.ConfigException;
import io.meridian.resolver.config.MeridianConfig;
import io.meridian.resolver.store.ZoneStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * {@code meridian backup FILE} and {@code meridian restore FILE}. A backup of a data directory a
 * server runs on is taken by that server (over its admin socket, between two change batches);
 * without a server, from the store directly. It is written beside FILE, read back and checked,
 * then renamed over FILE, so FILE is never a half-written archive. A restore checks the whole
 * archive first and refuses while anything has the data directory open.
 */
final class BackupCommand {
    private BackupCommand() {
    }

    static int run(String command, CommandLine cl) throws Meridian.CommandFailed {
        cl.allowOnly(command, "--config", "--data-dir");
        if (cl.positional.size() != 1) {
            throw new ConfigException("usage: meridian " + command + " FILE [--config FILE] [--data-dir DIR]");
        }
        MeridianConfig config = cl.config();
        Path file = Path.of(cl.positional.get(0));
        return command.equals("backup") ? backup(config.dataDir(), file) : restore(config.dataDir(), file);
    }

    private static int backup(Path dataDir, Path file) throws Meridian.CommandFailed {
        Path part = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".part");
        try {
            boolean live = AdminClient.serverRuns(dataDir);
            if (live) {
                try (InputStream in = AdminClient.request(dataDir, "BACKUP"); OutputStream out = PrivateFiles.create(part)) {
                    in.transferTo(out);
                }
            } else {
                writeFromStore(dataDir, part);
            }
            BackupArchive.Contents written;
            try (InputStream in = Files.newInputStream(part)) {
                written = BackupArchive.read(in);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("backed up " + dataDir + " to " + file + (live ? " (from the running server)" : "") + ": "
                    + written.store().zoneCount() + " zones, " + Files.size(file) + " bytes");
            return 0;
        } catch (AdminClient.NoServer | AdminClient.Refused e) {
            throw new Meridian.CommandFailed("backup failed: " + e.getMessage());
        } catch (IOException e) {
            throw new Meridian.CommandFailed("backup of " + dataDir + " to " + file + " failed: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                System.err.println("meridian: could not remove " + part + ": " + e.getMessage());
            }
        }
    }

    private static void writeFromStore(Path dataDir, Path part) throws IOException, Meridian.CommandFailed {
        if (!Files.exists(dataDir.resolve("zones.cm"))) {
            throw new Meridian.CommandFailed("no Meridian data in " + dataDir + " to back up");
        }
        try (ZoneStore store = ZoneStore.open(dataDir, ZoneStore.StoreSizing.DEFAULT); OutputStream out = PrivateFiles.create(part)) {
            BackupArchive.write(out, BackupArchive.entries(store.snapshot(), dataDir), Version.current(), Instant.now());
        }
    }

    private static int restore(Path dataDir, Path file) throws Meridian.CommandFailed {
        BackupArchive.Contents backup;
        try (InputStream in = Files.newInputStream(file)) {
            backup = BackupArchive.read(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Meridian.CommandFailed("no backup file " + file);
        } catch (IOException e) {
            throw new Meridian.CommandFailed(file + " cannot be restored, " + dataDir + " is left as it is: " + e.getMessage());
        }
        try {
            if (AdminClient.serverRuns(dataDir) || ZoneStore.inUse(dataDir)) {
                throw new Meridian.CommandFailed("a meridian process has " + dataDir + " open; stop the server before restoring");
            }
            DataDirRestore.replace(dataDir, backup);
        } catch (IOException e) {
            throw new Meridian.CommandFailed("restore of " + file + " into " + dataDir + " failed: " + e.getMessage());
        }
        System.out.println("restored " + dataDir + " from " + file + " (taken " + backup.created() + " by Meridian "
                + backup.meridianVersion() + "): " + backup.store().zoneCount() + " zones");
        return 0;
    }
}
