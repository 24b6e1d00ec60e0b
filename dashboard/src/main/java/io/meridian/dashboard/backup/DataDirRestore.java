package io.meridian.dashboard.backup;

import io.meridian.dashboard.PrivateFiles;
import io.meridian.dashboard.admin.AdminSocket;
import io.meridian.resolver.store.ZoneStore;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts a verified backup in place of a data directory: the backup is written out as a complete
 * data directory beside it ({@code .NAME.restoring-PID}), then two renames swap the directories,
 * and whatever the old one held that a backup does not (query logs, geo cache, an operator's own
 * files) is moved over. A failure before the swap leaves the data directory as it was; the old
 * directory is deleted only once the new one is in place. The new tree gets the old one's owner,
 * group and mode, so a restore run as root leaves files the service user can open.
 */
public final class DataDirRestore {
    private DataDirRestore() {
    }

    public static void replace(Path dataDir, BackupArchive.Contents backup) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        long pid = ProcessHandle.current().pid();
        Path fresh = dir.resolveSibling("." + dir.getFileName() + ".restoring-" + pid);
        Path old = dir.resolveSibling("." + dir.getFileName() + ".replaced-" + pid);
        deleteTree(fresh);
        try {
            ZoneStore.restore(fresh, backup.store());
            for (Map.Entry<String, byte[]> secret : backup.secrets().entrySet()) {
                PrivateFiles.write(fresh.resolve(secret.getKey()), secret.getValue());
            }
            if (Files.exists(dir)) {
                takeOwnership(dir, fresh);
                move(dir, old);
            }
        } catch (IOException e) {
            deleteTree(fresh);
            throw e;
        }
        try {
            move(fresh, dir);
        } catch (IOException e) {
            if (Files.exists(old)) {
                move(old, dir);
            }
            deleteTree(fresh);
            throw e;
        }
        if (Files.exists(old)) {
            carryOver(old, dir);
            deleteTree(old);
        }
    }

    /** What the old directory holds and no backup does stays: everything but the store and the secrets it carries. */
    private static void carryOver(Path old, Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(old)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                boolean restored = ZoneStore.ownsFile(name) || BackupArchive.SECRETS.contains(name) || name.equals(AdminSocket.FILE);
                if (!restored && !Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(p, dir.resolve(name));
                }
            }
        }
    }

    private static void takeOwnership(Path from, Path tree) throws IOException {
        PosixFileAttributes a = Files.readAttributes(from, PosixFileAttributes.class);
        Files.setPosixFilePermissions(tree, a.permissions());
        if (a.owner().equals(Files.getOwner(tree)) && a.group().equals(Files.readAttributes(tree, PosixFileAttributes.class).group())) {
            return;
        }
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                view.setOwner(a.owner());
                view.setGroup(a.group());
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " (is the data directory a mount point?"
                    + " restore into a directory inside it instead)", e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
