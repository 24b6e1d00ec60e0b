package io.meridian.resolver.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Who else has a data directory's maps open, and whether the last user left them cleanly.
 *
 * <p>A process killed inside a Chronicle Map write leaves a segment lock held by nobody, and every
 * later open then stalls. Recovery clears such locks but is only safe while no other process has
 * the maps open. So every process holds a shared lock on {@code store.lock} while it uses the
 * store; the one that opens first takes it exclusively, and if the {@code clean} marker (written by
 * the last process to close) is missing, it recovers the maps before sharing the lock. Several
 * stores of one directory inside one JVM (tests) share one registration.
 */
final class StoreLock implements AutoCloseable {
    private static final Map<Path, StoreLock> OPEN = new HashMap<>();

    private final Path dir;
    private final FileChannel channel;
    private FileLock lock;
    private final boolean first;
    private boolean opening;
    private int users = 1;

    private StoreLock(Path dir, FileChannel channel, FileLock lock, boolean first) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        this.first = first;
        this.opening = first;
    }

    static synchronized StoreLock acquire(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        StoreLock existing = OPEN.get(dir);
        if (existing != null) {
            existing.users++;
            return existing;
        }
        FileChannel ch = FileChannel.open(dir.resolve("store.lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock exclusive = ch.tryLock();
        StoreLock l = exclusive != null ? new StoreLock(dir, ch, exclusive, true)
                : new StoreLock(dir, ch, ch.lock(0, Long.MAX_VALUE, true), false);
        OPEN.put(dir, l);
        return l;
    }

    /** Whether a process (this one included) holds the store lock of {@code dataDir}. */
    static synchronized boolean inUse(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve("store.lock");
        if (OPEN.containsKey(dir)) {
            return true;
        }
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        }
    }

    /** True when the maps must be recovered before use: we are alone and the last close was not clean. */
    boolean mustRecover() {
        return opening && !Files.exists(dir.resolve("clean"));
    }

    /** Called once the maps are open: from now on other processes may open them too. */
    void opened() throws IOException {
        if (opening) {
            opening = false;
            Files.deleteIfExists(dir.resolve("clean"));
            lock.release();
            lock = channel.lock(0, Long.MAX_VALUE, true);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (StoreLock.class) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(dir);
            lock.release();
            // Whoever closes last, and knows it, vouches that no write was cut short.
            FileLock last = channel.tryLock();
            if (last != null) {
                Files.writeString(dir.resolve("clean"), "maps closed cleanly\n");
                last.release();
            }
            channel.close();
        }
    }
}
