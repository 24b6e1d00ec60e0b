package io.meridian.dashboard.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/**
 * The running server's local control channel, {@code DATA_DIR/admin.sock}: a Unix domain socket
 * only its owner may connect to (mode 0600), so it needs no authentication of its own. One
 * request per connection: a line naming the request ({@code STATUS}, {@code RELOAD},
 * {@code BACKUP}); the answer starts with a line {@code OK} or {@code ERROR message}, and what
 * follows {@code OK} is the request's own (text lines, or an archive's bytes).
 */
public final class AdminSocket implements AutoCloseable {
    public static final String FILE = "admin.sock";
    private static final Logger LOG = LoggerFactory.getLogger(AdminSocket.class);
    private static final int MAX_REQUEST_LINE = 256;

    /** What answers one request: writes its body after the OK line, or throws to answer ERROR. */
    @FunctionalInterface
    public interface Handler {
        void answer(Reply reply) throws Exception;
    }

    private final Path file;
    private final ServerSocketChannel channel;
    private final Map<String, Handler> handlers;
    private final Thread acceptor;

    private AdminSocket(Path file, ServerSocketChannel channel, Map<String, Handler> handlers) {
        this.file = file;
        this.channel = channel;
        this.handlers = Map.copyOf(handlers);
        this.acceptor = new Thread(this::acceptLoop, "admin-socket");
        acceptor.setDaemon(true);
    }

    /**
     * Listens on {@code DATA_DIR/admin.sock}. A socket file nobody answers on is the remains of a
     * server that died and is replaced; one that answers means another server runs on this data
     * directory, and this one must not start.
     */
    public static AdminSocket start(Path dataDir, Map<String, Handler> handlers) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            if (AdminClient.answers(file)) {
                throw new IOException("another meridian serve is running on " + dataDir + " (its " + FILE + " answers)");
            }
            Files.delete(file);
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(file));
            // Connecting needs write permission on the file: 0600 keeps everyone but the owner (and root) out.
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen on " + file + ": " + e.getMessage(), e);
        }
        AdminSocket socket = new AdminSocket(file, channel, handlers);
        socket.acceptor.start();
        return socket;
    }

    public Path file() {
        return file;
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                Thread t = new Thread(() -> serve(client), "admin-request");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (channel.isOpen()) {
                    LOG.warn("admin socket: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client; OutputStream out = Channels.newOutputStream(client)) {
            Reply reply = new Reply(out);
            String request = readRequest(client);
            Handler h = request == null ? null : handlers.get(request.toUpperCase(Locale.ROOT));
            if (h == null) {
                reply.error("unknown request '" + request + "'; known: " + handlers.keySet());
                return;
            }
            try {
                h.answer(reply);
            } catch (Exception e) {
                if (e instanceof RuntimeException && !(e instanceof io.meridian.resolver.config.ConfigException)) {
                    LOG.error("admin request {} failed", request, e);
                }
                if (!reply.started()) {
                    reply.error(e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.debug("admin client went away: {}", e.getMessage());
        }
    }

    private static String readRequest(SocketChannel client) throws IOException {
        String line = AdminClient.readLine(Channels.newInputStream(client), MAX_REQUEST_LINE);
        return line == null ? null : line.trim();
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", file, e.getMessage());
        }
    }

    /** The answer to one request: {@link #ok} once, then the body. */
    public static final class Reply {
        private final OutputStream out;
        private boolean started;

        Reply(OutputStream out) {
            this.out = out;
        }

        /** Sends the OK line; the body follows on the returned stream. */
        public OutputStream ok() throws IOException {
            started = true;
            out.write("OK\n".getBytes(StandardCharsets.US_ASCII));
            return out;
        }

        /** OK followed by these lines. */
        public void ok(Iterable<String> lines) throws IOException {
            OutputStream body = ok();
            for (String line : lines) {
                body.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            body.flush();
        }

        void error(String message) throws IOException {
            started = true;
            String oneLine = String.valueOf(message).replace('\n', ' ');
            out.write(("ERROR " + oneLine + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        boolean started() {
            return started;
        }
    }
}
