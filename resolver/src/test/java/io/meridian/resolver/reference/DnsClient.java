package io.meridian.resolver.reference;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Sends raw query bytes and returns raw response bytes, so that the servers' exact output reaches
 * the comparison without a resolver library re-interpreting (or retrying, or rejecting) it.
 *
 * <p>"No answer" is a normal outcome here ({@link Optional#empty()}), not an exception: a server
 * that stays silent where the reference answers is exactly the kind of difference we look for.
 */
public final class DnsClient {

    /** Largest UDP datagram we accept; bigger than any EDNS buffer we advertise. */
    private static final int MAX_UDP = 65_535;

    private DnsClient() {
    }

    /**
     * One UDP exchange, retried {@code attempts} times because a datagram on loopback can still
     * be dropped when a server's socket buffer is full. A datagram whose ID differs from the
     * query's is not an answer to it (a client would discard it too), so it is skipped and, if
     * nothing else arrives, the exchange counts as unanswered.
     */
    public static Optional<byte[]> udp(InetSocketAddress server, byte[] query, Duration timeout, int attempts)
            throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            byte[] buffer = new byte[MAX_UDP];
            for (int attempt = 0; attempt < attempts; attempt++) {
                socket.send(new DatagramPacket(query, query.length));
                long deadline = System.nanoTime() + timeout.toNanos();
                while (true) {
                    long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                    if (leftMillis <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) leftMillis);
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(packet);
                    } catch (SocketTimeoutException e) {
                        break;
                    } catch (PortUnreachableException e) {
                        // ICMP says nothing listens there (yet): no answer will come.
                        return Optional.empty();
                    }
                    byte[] response = Arrays.copyOf(packet.getData(), packet.getLength());
                    if (sameId(query, response)) {
                        return Optional.of(response);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** One query on its own TCP connection (RFC 1035 §4.2.2 two-byte length prefix). */
    public static Optional<byte[]> tcp(InetSocketAddress server, byte[] query, Duration timeout) {
        List<byte[]> responses = tcpPipelined(server, List.of(query), timeout);
        return responses.isEmpty() ? Optional.empty() : Optional.of(responses.get(0));
    }

    /**
     * Writes all queries on one connection before reading anything (RFC 7766 pipelining) and
     * returns the responses in arrival order, which need not be query order: match them by ID.
     * Reading stops after {@code queries.size()} responses, at end of stream, or when
     * {@code timeout} has passed in total, so a server that drops a query cannot stall the test.
     */
    public static List<byte[]> tcpPipelined(InetSocketAddress server, List<byte[]> queries, Duration timeout) {
        List<byte[]> responses = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(server, (int) timeout.toMillis());
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            for (byte[] query : queries) {
                frames.write(query.length >>> 8);
                frames.write(query.length & 0xff);
                frames.write(query);
            }
            OutputStream out = socket.getOutputStream();
            out.write(frames.toByteArray());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (responses.size() < queries.size()) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) {
                    break;
                }
                socket.setSoTimeout((int) leftMillis);
                byte[] response = new byte[in.readUnsignedShort()];
                in.readFully(response);
                responses.add(response);
            }
        } catch (IOException e) {
            // Refused connection, timeout, end of stream or reset: a server may legitimately
            // close a connection it considers broken. Whatever arrived before still counts and
            // the rest is "no answer", which the comparison reports if the other side differs.
        }
        return responses;
    }

    private static boolean sameId(byte[] query, byte[] response) {
        return query.length >= 2 && response.length >= 2
                && query[0] == response[0] && query[1] == response[1];
    }
}
