package io.meridian.resolver.server;

import io.meridian.resolver.pipeline.QuerySlot;
import io.meridian.resolver.pipeline.QueryStages;
import io.meridian.resolver.zone.ZoneIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * DNS over TCP (RFC 7766): 2-byte length-prefixed messages, several queries per connection
 * answered in order (pipelining), an idle timeout, and a cap on concurrent connections beyond
 * which new ones are closed at once. Each connection has its own thread and slot; its stages are
 * those of a connection that ended, when there are any.
 */
final class TcpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

    private final ServerSocket server;
    private final DnsConfig config;
    private final Supplier<ZoneIndex> zones;
    private final Semaphore permits;
    private final io.meridian.resolver.pipeline.QueryMetrics metrics;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /**
     * Stages no connection uses now. Each set registers its counters, query log ring and latency
     * buckets with the metrics for good, so connections take one here and put it back when they
     * end: at most {@code tcpMaxConnections} sets, however many connections come and go.
     */
    private final Queue<QueryStages> idleStages = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;

    TcpListener(ServerSocket server, DnsConfig config, Supplier<ZoneIndex> zones, io.meridian.resolver.pipeline.QueryMetrics metrics) {
        this.metrics = metrics;
        this.server = server;
        this.config = config;
        this.zones = zones;
        this.permits = new Semaphore(config.tcpMaxConnections());
        acceptor = new Thread(this::acceptLoop, "dns-tcp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("TCP accept failed: {}", e.toString());
                }
                continue;
            }
            if (!permits.tryAcquire()) {
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            Thread t = new Thread(() -> serve(socket), "dns-tcp-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket socket) {
        QuerySlot slot = new QuerySlot(QueryStages.TCP_MAX);
        QueryStages idle = idleStages.poll();
        QueryStages stages = idle != null ? idle : config.stages(zones, metrics);
        slot.source(socket.getRemoteSocketAddress());
        byte[] prefix = new byte[2];
        try (socket) {
            socket.setSoTimeout(config.tcpIdleTimeoutMillis());
            socket.setTcpNoDelay(true);
            // Buffered both ways: a client that pipelines (RFC 7766 §6.2.1.1) has its queries read
            // with one system call and its answers written with one, flushed once nothing more waits.
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            while (true) {
                if (in.available() == 0) {
                    out.flush(); // answers go out before we wait for more
                }
                int length = in.readUnsignedShort();
                if (length > slot.in.length) {
                    skip(in, length);
                    continue;
                }
                in.readFully(slot.in, 0, length);
                slot.receivedNanos = System.nanoTime();
                slot.inLength = length;
                stages.process(slot, true);
                if (slot.outLength < 0) {
                    continue;
                }
                prefix[0] = (byte) (slot.outLength >>> 8);
                prefix[1] = (byte) slot.outLength;
                out.write(prefix);
                out.write(slot.out, 0, slot.outLength);
            }
        } catch (EOFException | SocketTimeoutException | SocketException e) {
            // Client closed, went idle, or the server is stopping: the connection simply ends.
        } catch (IOException e) {
            LOG.debug("TCP connection ended: {}", e.toString());
        } finally {
            // Back before the permit: a connection holding stages always holds a permit too.
            idleStages.offer(stages);
            open.remove(socket);
            permits.release();
        }
    }

    /** A message longer than any query we accept is read past and not answered. */
    private static void skip(InputStream in, int length) throws IOException {
        long left = length;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                throw new EOFException();
            }
            left -= n;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing a refused connection cannot fail in a way worth reporting.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            closeQuietly(s);
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
