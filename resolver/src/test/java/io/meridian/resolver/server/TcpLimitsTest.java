package io.meridian.resolver.server;

import io.meridian.resolver.testing.DataDirs;
import io.meridian.resolver.testing.RunningServer;
import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.testing.Wire;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 7766 §6.2: idle connections are closed, and connections past the limit are refused. */
class TcpLimitsTest {

    private static RunningServer start(int maxConnections, int idleMillis) throws Exception {
        return RunningServer.start(DataDirs.fresh("tcp"), List.of(TestZones.write("example", TestZones.EXAMPLE_COM)),
                d -> new DnsConfig(d.listen(), 1, d.ringSize(), d.stages(), d.waitStrategy(), d.maxUdpPayload(),
                        maxConnections, idleMillis, d.udpBatch()));
    }

    private static int askAndReadId(Socket s, int id) throws IOException {
        byte[] q = Wire.query(id, "www.example.com.", Type.A);
        OutputStream out = s.getOutputStream();
        out.write(new byte[] {(byte) (q.length >>> 8), (byte) q.length});
        out.write(q);
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] r = new byte[in.readUnsignedShort()];
        in.readFully(r);
        return Wire.parse(r, r.length).getHeader().getID();
    }

    /**
     * The client's close reaches the server's connection thread a little later, so on a busy machine the
     * next connection can find both permits still held and be refused; a client then connects again.
     */
    private static int askOnANewConnection(RunningServer server, int id) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (Socket s = new Socket(server.tcp().getAddress(), server.tcp().getPort())) {
                s.setSoTimeout(5000);
                return askAndReadId(s, id);
            } catch (java.io.EOFException | java.net.SocketException refused) {
                if (attempt == 100) {
                    throw refused;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void closesAConnectionThatStaysIdle() throws Exception {
        try (RunningServer server = start(8, 300);
             Socket s = new Socket(server.tcp().getAddress(), server.tcp().getPort())) {
            s.setSoTimeout(5000);
            assertEquals(1, askAndReadId(s, 1));
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> assertEquals(-1, s.getInputStream().read()));
        }
    }

    @Test
    void closesConnectionsBeyondTheLimitAndServesAgainOnceOneEnds() throws Exception {
        try (RunningServer server = start(2, 10_000)) {
            Socket a = new Socket(server.tcp().getAddress(), server.tcp().getPort());
            Socket b = new Socket(server.tcp().getAddress(), server.tcp().getPort());
            a.setSoTimeout(5000);
            b.setSoTimeout(5000);
            assertEquals(1, askAndReadId(a, 1));
            assertEquals(2, askAndReadId(b, 2));
            try (Socket c = new Socket(server.tcp().getAddress(), server.tcp().getPort())) {
                c.setSoTimeout(5000);
                assertEquals(-1, c.getInputStream().read());
            }
            a.close();
            assertEquals(4, askOnANewConnection(server, 4));
            b.close();
        }
    }

    @Test
    void connectionsThatComeAndGoReuseTheirStagesRatherThanRegisterNewOnes() throws Exception {
        try (RunningServer server = start(2, 10_000)) {
            io.meridian.resolver.pipeline.QueryMetrics metrics = server.plane().server().metrics();
            int before = metrics.registered();
            for (int i = 1; i <= 20; i++) {
                assertEquals(i, askOnANewConnection(server, i));
            }
            // However the server lags behind the closes, the sets in use never outnumber the permits.
            int added = metrics.registered() - before;
            assertTrue(added >= 1 && added <= 2, "sets of stages registered for 20 connections: " + added);
        }
    }
}
