package io.meridian.dashboard.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Asks the server running on a data directory over its {@link AdminSocket}. */
public final class AdminClient {
    private AdminClient() {
    }

    /** The server refused the request: its ERROR line. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** Nothing answers on the data directory's admin socket: no server runs there. */
    public static final class NoServer extends Exception {
        NoServer(Path dataDir) {
            super("no meridian serve is running on " + dataDir + " (nothing answers on " + dataDir.resolve(AdminSocket.FILE) + ")");
        }
    }

    /** Whether a server answers on this socket file. */
    static boolean answers(Path socketFile) {
        try (SocketChannel ignored = SocketChannel.open(UnixDomainSocketAddress.of(socketFile))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a server runs on this data directory. */
    public static boolean serverRuns(Path dataDir) {
        return answers(dataDir.resolve(AdminSocket.FILE));
    }

    /** Sends {@code request}; returns the body after OK, to be read to its end and closed by the caller. */
    public static InputStream request(Path dataDir, String request) throws NoServer, Refused, IOException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(dataDir.resolve(AdminSocket.FILE)));
        } catch (IOException e) {
            throw new NoServer(dataDir);
        }
        try {
            channel.write(java.nio.ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.US_ASCII)));
            InputStream in = Channels.newInputStream(channel);
            String status = readLine(in, 4096);
            if (status == null) {
                throw new IOException("the server closed the admin socket without an answer");
            }
            if (status.startsWith("ERROR ")) {
                throw new Refused(status.substring("ERROR ".length()));
            }
            if (!status.equals("OK")) {
                throw new IOException("unexpected answer on the admin socket: " + status);
            }
            return in;
        } catch (IOException | Refused e) {
            channel.close();
            throw e;
        }
    }

    /** Sends {@code request}; returns the lines of the answer after OK. */
    public static List<String> requestLines(Path dataDir, String request) throws NoServer, Refused, IOException {
        try (InputStream in = request(dataDir, request)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** One line of at most {@code max} bytes (longer: null), read byte by byte so that nothing after it is consumed. */
    static String readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= max) {
                return null;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }
}
