package io.meridian.resolver.server;

import io.meridian.resolver.testing.DataDirs;
import io.meridian.resolver.testing.RunningServer;
import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.testing.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Packets no client should send; after each, the server must still answer a good query. */
class HostileInputTest {
    static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(DataDirs.fresh("hostile"), List.of(TestZones.write("example", TestZones.EXAMPLE_COM)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static byte[] udp(byte[] packet, int timeoutMillis) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(timeoutMillis);
            s.send(new DatagramPacket(packet, packet.length, server.udp()));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
                return Arrays.copyOf(buf, p.getLength());
            } catch (SocketTimeoutException e) {
                return null;
            }
        }
    }

    private static void assertStillAnswers() throws IOException {
        byte[] r = udp(Wire.query(0x4242, "www.example.com.", Type.A), 2000);
        assertNotNull(r, "no answer to a good query after hostile input");
        Message m = Wire.parse(r, r.length);
        assertEquals(0x4242, m.getHeader().getID());
        assertEquals(1, m.getSectionArray(1).length);
    }

    private static int rcodeOf(byte[] response) {
        return response[3] & 0x0F;
    }

    @Test
    void dropsPacketsShorterThanAHeader() throws IOException {
        for (int len = 0; len < 12; len++) {
            assertNull(udp(new byte[len], 200));
        }
        assertStillAnswers();
    }

    @Test
    void neverAnswersPacketsWithQrSet() throws IOException {
        byte[] q = Wire.query(9, "www.example.com.", Type.A);
        q[2] |= (byte) 0x80;
        assertNull(udp(q, 300));
        assertStillAnswers();
    }

    @Test
    void answersFormerrToATruncatedQuestion() throws IOException {
        byte[] q = Wire.query(9, "www.example.com.", Type.A);
        byte[] r = udp(Arrays.copyOf(q, q.length - 3), 2000);
        assertEquals(Rcode.FORMERR, rcodeOf(r));
        assertStillAnswers();
    }

    @Test
    void answersFormerrToLabelsOver63AndNamesOver255() throws IOException {
        byte[] longLabel = new byte[12 + 1 + 64 + 1 + 4];
        longLabel[5] = 1;
        longLabel[12] = 64;
        assertEquals(Rcode.FORMERR, rcodeOf(udp(longLabel, 2000)));
        byte[] longName = new byte[12 + 5 * 52 + 1 + 4];
        longName[5] = 1;
        for (int i = 0; i < 5; i++) {
            longName[12 + i * 52] = 51;
            Arrays.fill(longName, 13 + i * 52, 13 + i * 52 + 51, (byte) 'a');
        }
        assertEquals(Rcode.FORMERR, rcodeOf(udp(longName, 2000)));
        assertStillAnswers();
    }

    @Test
    void answersFormerrToCompressionPointersAndLoops() throws IOException {
        byte[] pointer = Wire.hex("0001 0000 0001 0000 0000 0000 C00C 0001 0001");
        assertEquals(Rcode.FORMERR, rcodeOf(udp(pointer, 2000)));
        byte[] base = Wire.query(3, "www.example.com.", Type.A);
        // An additional record whose owner points at itself.
        byte[] loop = Arrays.copyOf(base, base.length + 13);
        loop[11] = 1;
        int at = base.length;
        loop[at] = (byte) 0xC0;
        loop[at + 1] = (byte) at;
        assertEquals(Rcode.FORMERR, rcodeOf(udp(loop, 2000)));
        assertStillAnswers();
    }

    @Test
    void answersFormerrToTwoOptRecords() throws IOException {
        byte[] one = Wire.query(5, "www.example.com.", Type.A, 1232, false);
        byte[] two = Arrays.copyOf(one, one.length + 11);
        System.arraycopy(one, one.length - 11, two, one.length, 11);
        two[11] = 2;
        assertEquals(Rcode.FORMERR, rcodeOf(udp(two, 2000)));
        assertStillAnswers();
    }

    @Test
    void survivesRandomBytes() throws IOException {
        Random random = new Random(42);
        try (DatagramSocket s = new DatagramSocket()) {
            for (int i = 0; i < 2000; i++) {
                byte[] junk = new byte[random.nextInt(600)];
                random.nextBytes(junk);
                s.send(new DatagramPacket(junk, junk.length, server.udp()));
            }
        }
        assertStillAnswers();
    }

    @Test
    void survivesMutatedGoodQueries() throws IOException {
        Random random = new Random(7);
        byte[] good = Wire.query(11, "www.example.com.", Type.A, 1232, true);
        try (DatagramSocket s = new DatagramSocket()) {
            for (int i = 0; i < 2000; i++) {
                byte[] q = good.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    q[random.nextInt(q.length)] = (byte) random.nextInt(256);
                }
                s.send(new DatagramPacket(q, random.nextInt(q.length + 1), server.udp()));
            }
        }
        assertStillAnswers();
    }

    @Test
    void closesATcpConnectionWhoseLengthPrefixPromisesMoreThanItSends() throws Exception {
        try (Socket s = new Socket(server.tcp().getAddress(), server.tcp().getPort())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {(byte) 0x10, 0x00, 1, 2, 3});
            out.flush();
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read());
        }
        assertStillAnswers();
    }

    @Test
    void answersPipelinedTcpQueriesInOrderOnOneConnection() throws Exception {
        try (Socket s = new Socket(server.tcp().getAddress(), server.tcp().getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            for (int id = 1; id <= 20; id++) {
                byte[] q = Wire.query(id, "www.example.com.", Type.A);
                out.write(new byte[] {(byte) (q.length >>> 8), (byte) q.length});
                out.write(q);
            }
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int id = 1; id <= 20; id++) {
                byte[] r = new byte[in.readUnsignedShort()];
                in.readFully(r);
                assertEquals(id, Wire.parse(r, r.length).getHeader().getID());
            }
        }
    }
}
