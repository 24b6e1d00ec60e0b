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
 * Who else has a data directory's maps open, whether the last user left them cleanly, and how
 * many times any of them changed the zones.
 *
 * <p>A process killed inside a Chronicle Map write leaves a segment lock held by nobody, and every
 * later open then stalls. Recovery clears such locks but is only safe while no other process has
 * the maps open. So every process holds a shared lock on {@code store.lock} while it uses the
 * store; the one that opens first takes it exclusively, and if the {@code clean} marker (written by
 * the last process to close) is missing, it recovers the maps before sharing the lock. Several
 * stores of one directory inside one JVM (tests) share one registration.
 *
 * <p>The file's first eight bytes, mapped by every process that opens the store, count the
 * writes to its zones map ({@link #zonesChanged}): a server polls that count to learn that another
 * process changed a zone, instead of walking the map every second. The locks are advisory and
 * cover no data, so the count lives in the lock's file rather than in a file of its own.
 */
final class StoreLock implements AutoCloseable {
    private static final Map<Path, StoreLock> OPEN = new HashMap<>();

    private final Path dir;
    private final FileChannel channel;
    private FileLock lock;
    private final boolean first;
    private boolean opening;
    private int users = 1;
    private final java.nio.MappedByteBuffer zoneWrites;
    private static final java.lang.invoke.VarHandle COUNT =
            java.lang.invoke.MethodHandles.byteBufferViewVarHandle(long[].class, java.nio.ByteOrder.nativeOrder());

    private StoreLock(Path dir, FileChannel channel, FileLock lock, boolean first) throws IOException {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        this.first = first;
        this.opening = first;
        // Grows an empty (or older) lock file to eight zero bytes; every process maps the same page.
        this.zoneWrites = channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
    }

    /** Writes to the zones map so far, by every process that has had the store open since the file was made. */
    long zoneWrites() {
        return (long) COUNT.getVolatile(zoneWrites, 0);
    }

    /** Counts a write to the zones map, after it was made (atomic across processes: one shared page). */
    void zonesChanged() {
        COUNT.getAndAdd(zoneWrites, 0, 1L);
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
        try {
            FileLock exclusive = ch.tryLock();
            StoreLock l = exclusive != null ? new StoreLock(dir, ch, exclusive, true)
                    : new StoreLock(dir, ch, ch.lock(0, Long.MAX_VALUE, true), false);
            OPEN.put(dir, l);
            return l;
        } catch (IOException | RuntimeException e) {
            ch.close(); // releases whatever lock was taken
            throw e;
        }
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
