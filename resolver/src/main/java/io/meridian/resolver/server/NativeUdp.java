package io.meridian.resolver.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * recvmmsg/sendmmsg through a small JNI library (src/main/c/udp_batch.c) built into the jar:
 * a batch of datagrams per system call, with no Java allocation. When the library is missing
 * (no C compiler at build time) or cannot load, {@link #AVAILABLE} is false and the shards use
 * the JDK's DatagramChannel one datagram at a time.
 */
final class NativeUdp {
    private static final Logger LOG = LoggerFactory.getLogger(NativeUdp.class);
    private static final String LIBRARY = "/native/linux-x86_64/libmeridian-udp.so";

    /** Bytes per peer address in the shared buffer: room for a sockaddr_in6. */
    static final int ADDR_STRIDE = 28;
    static final int MAX_BATCH = 64;
    /**
     * The buffer a context shares with the library (native byte order): the received lengths as
     * ints from {@code META_IN_LENS}, the lengths to send from {@code META_OUT_LENS}, and each
     * peer's struct sockaddr, as the kernel wrote it, from {@code META_ADDRS} every
     * {@link #ADDR_STRIDE} bytes.
     */
    static final int META_IN_LENS = 0;
    static final int META_OUT_LENS = MAX_BATCH * 4;
    static final int META_ADDRS = MAX_BATCH * 8;
    static final int META_SIZE = META_ADDRS + MAX_BATCH * ADDR_STRIDE;
    static final boolean AVAILABLE = load();

    private NativeUdp() {
    }

    /**
     * A context for batches of up to {@code max} datagrams: {@code in} and {@code out} cut into
     * slots of {@code inSlot} and {@code outSlot} bytes, {@code meta} of {@link #META_SIZE} bytes
     * laid out as above (all direct buffers, kept alive by the caller until {@link #close}).
     * Returns 0 when a buffer is too small or not direct.
     */
    static native long open(ByteBuffer in, int inSlot, ByteBuffer out, int outSlot, ByteBuffer meta, int max);

    /** Frees a context from {@link #open}. */
    static native void close(long context);

    /**
     * Receives up to the context's batch of datagrams into consecutive slots of its {@code in}
     * buffer, blocking for the first. Returns how many (0 on timeout), or -errno; each length
     * is -1 for a datagram longer than its slot. With {@code prefetchEntries}, and a cache given by
     * {@link #prefetchFrom}, each datagram's cache entry is prefetched before it returns.
     */
    static native int receive(long context, int fd, boolean prefetchEntries);

    /** Sends slot {@code i} of the context's {@code out} buffer (its out length, skipped when negative) to peer {@code i}. */
    static native int send(long context, int fd, int count);

    /**
     * Has every receive of {@code context} prefetch, for each datagram, the response-cache entry it
     * would be replayed from (the cache's direct buffers, see {@code ResponseCache.tags()}). 0, or -1 if refused.
     */
    static native int prefetchFrom(long context, ByteBuffer tags, ByteBuffer entries, int setMask, int ways, int entrySize);

    /** How many received datagrams the prefetch found a cache entry for. */
    static native long prefetched(long context);

    /** Linux's IP_PMTUDISC_PROBE: DF set, path MTU ignored. */
    static final int PMTUDISC_PROBE = 3;

    /** Sends every datagram with DF set, ignoring the path MTU (see udp_batch.c); 0 or -errno. */
    static native int setDontFragment(int fd);

    /** The socket's IP_MTU_DISCOVER mode, or -errno (for tests). */
    static native int pathMtuMode(int fd);

    /** Makes a blocked receive return now and then, so a stopping shard notices. */
    static native int setReceiveTimeout(int fd, int millis);

    /** The socket's file descriptor, through the JDK's internal channel interface. */
    static int fd(DatagramChannel channel) throws ReflectiveOperationException {
        return (int) Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal").invoke(channel);
    }

    private static boolean load() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                || !"amd64".equals(System.getProperty("os.arch"))) {
            return false;
        }
        try (InputStream in = NativeUdp.class.getResourceAsStream(LIBRARY)) {
            if (in == null) {
                LOG.info("batched UDP not built into this jar (no C compiler at build time); using JDK sockets");
                return false;
            }
            Path file = Files.createTempFile("meridian-udp", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toString());
            return true;
        } catch (IOException | LinkageError | SecurityException e) {
            LOG.warn("batched UDP unavailable ({}); using JDK sockets", e.toString());
            return false;
        }
    }
}
