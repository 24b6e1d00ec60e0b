package io.meridian.resolver.server;

import io.meridian.resolver.pipeline.QueryStages;
import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.testing.Wire;
import io.meridian.resolver.zone.ZoneIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recvmmsg/sendmmsg loop itself (no fallback to JDK sockets can stand in for it here): each
 * datagram's peer address travels from the receive to the send through the buffer shared with
 * the native library.
 */
class BatchedUdpLoopTest {

    /** Queries of several clients arrive in the same batches; every answer goes back to the client that asked. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void answersEachOfSeveralClientsInOneBatchAtItsOwnAddress(String loopback) throws Exception {
        InetAddress host = InetAddress.getByName(loopback);
        ZoneIndex zones = exampleCom();
        int clients = 4;
        int perClient = 40;
        List<DatagramSocket> sockets = new ArrayList<>();
        try (DatagramChannel channel = boundTo(host)) {
            io.meridian.resolver.pipeline.QueryMetrics metrics = new io.meridian.resolver.pipeline.QueryMetrics();
            BatchedUdpLoop loop = new BatchedUdpLoop(NativeUdp.fd(channel), 32, 1232,
                    new QueryStages(() -> zones, 1232, new io.meridian.resolver.zone.QueryEvaluator(), metrics.register()));
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            for (int c = 0; c < clients; c++) {
                DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, 0));
                socket.setSoTimeout(3000);
                sockets.add(socket);
            }
            // Interleaved and all sent before the loop starts: its batches mix the clients. The
            // first is longer than a receive slot: cut by the kernel, it is dropped, not answered.
            byte[] oversized = Arrays.copyOf(Wire.query(999, "www.example.com.", Type.A), 5000);
            sockets.get(0).send(new DatagramPacket(oversized, oversized.length, channel.getLocalAddress()));
            for (int q = 0; q < perClient; q++) {
                for (int c = 0; c < clients; c++) {
                    byte[] query = Wire.query(c * 1000 + q, c % 2 == 0 ? "www.example.com." : "mail.example.com.", Type.A);
                    sockets.get(c).send(new DatagramPacket(query, query.length, channel.getLocalAddress()));
                }
            }
            Thread server = new Thread(() -> loop.run(running::get), "batched-udp-test");
            server.start();
            try {
                byte[] buf = new byte[1500];
                for (int c = 0; c < clients; c++) {
                    Set<Integer> ids = new TreeSet<>();
                    for (int q = 0; q < perClient; q++) {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        sockets.get(c).receive(p);
                        Message m = Wire.parse(Arrays.copyOf(buf, p.getLength()), p.getLength());
                        assertEquals(c, m.getHeader().getID() / 1000, "client " + c + " got another client's answer");
                        assertEquals(c % 2 == 0 ? "192.0.2.80" : "192.0.2.25", m.getSection(Section.ANSWER).get(0).rdataToString());
                        ids.add(m.getHeader().getID());
                    }
                    assertEquals(perClient, ids.size(), "client " + c + " answers");
                }
                sockets.get(0).setSoTimeout(300);
                DatagramPacket extra = new DatagramPacket(buf, buf.length);
                org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketTimeoutException.class,
                        () -> sockets.get(0).receive(extra), "the oversized datagram was answered");
            } finally {
                running.set(false);
                server.join(5000); // a receive returns within WAKE_MILLIS to notice the stop
            }
            assertTrue(!server.isAlive(), "the loop did not stop");
            metrics.sample();
            assertEquals(clients * perClient, metrics.latency().sinceStart(io.meridian.resolver.stats.StageLatency.TOTAL).getTotalCount(),
                    "each answered query timed once, with its batch; the dropped one not");
        } finally {
            for (DatagramSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /**
     * With a response cache, the receive finds (in C) the entry each datagram will be replayed from,
     * to prefetch it: it must find it where ResponseCache does, or it would only waste loads.
     */
    @Test
    void theReceiveFindsTheCacheEntriesItsRepeatedQueriesAreReplayedFrom() throws Exception {
        InetAddress host = InetAddress.getLoopbackAddress();
        ZoneIndex zones = exampleCom();
        try (DatagramChannel channel = boundTo(host); DatagramSocket client = new DatagramSocket(new InetSocketAddress(host, 0))) {
            client.setSoTimeout(3000);
            BatchedUdpLoop loop = new BatchedUdpLoop(NativeUdp.fd(channel), 32, 1232,
                    new QueryStages(() -> zones, 1232).withResponseCache(64));
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread server = new Thread(() -> loop.run(running::get), "batched-udp-prefetch-test");
            server.start();
            try {
                byte[] buf = new byte[1500];
                List<String> names = List.of("www.example.com.", "mail.example.com.", "nothing.example.com.");
                int repeats = 0;
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < names.size(); i++) {
                        byte[] query = Wire.query(round * 10 + i, names.get(i), Type.A);
                        client.send(new DatagramPacket(query, query.length, channel.getLocalAddress()));
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        client.receive(p);
                        assertEquals(round * 10 + i, Wire.parse(Arrays.copyOf(buf, p.getLength()), p.getLength()).getHeader().getID());
                        repeats += round > 0 ? 1 : 0;
                    }
                }
                assertEquals(repeats, loop.prefetched(), "each repeated query's entry found, the first askings' not");
            } finally {
                running.set(false);
                server.join(5000);
            }
        }
    }

    /** While traffic bypasses the cache, the receive does not look for entries: a hash per datagram for nothing. */
    @Test
    void theReceiveLooksForNoEntriesWhileTheCacheIsBypassed() throws Exception {
        InetAddress host = InetAddress.getLoopbackAddress();
        ZoneIndex zones = exampleCom();
        QueryStages stages = new QueryStages(() -> zones, 1232).withResponseCache(64);
        // A window of names that never repeat, answered before the loop runs, turns the bypass on.
        for (int i = 0; i < 100_000 && !stages.responseCache().bypassing(); i++) {
            io.meridian.resolver.pipeline.QuerySlot slot = new io.meridian.resolver.pipeline.QuerySlot(1232);
            byte[] query = Wire.query(i, "n" + i + ".example.com.", Type.A);
            System.arraycopy(query, 0, slot.in, 0, query.length);
            slot.inLength = query.length;
            stages.process(slot, false);
        }
        assertTrue(stages.responseCache().bypassing());
        try (DatagramChannel channel = boundTo(host); DatagramSocket client = new DatagramSocket(new InetSocketAddress(host, 0))) {
            client.setSoTimeout(3000);
            BatchedUdpLoop loop = new BatchedUdpLoop(NativeUdp.fd(channel), 32, 1232, stages);
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread server = new Thread(() -> loop.run(running::get), "batched-udp-bypass-test");
            server.start();
            try {
                byte[] buf = new byte[1500];
                // One query in 16 still tries the cache and keeps its answer: later ones would find it.
                for (int q = 0; q < 48; q++) {
                    byte[] query = Wire.query(q, "www.example.com.", Type.A);
                    client.send(new DatagramPacket(query, query.length, channel.getLocalAddress()));
                    client.receive(new DatagramPacket(buf, buf.length));
                }
                assertTrue(stages.responseCache().bypassing(), "still bypassed");
                assertEquals(0, loop.prefetched());
            } finally {
                running.set(false);
                server.join(5000);
            }
        }
    }

    /** Answers of at most 1232 bytes fit any path: they go out with DF set; an operator's larger maximum leaves the kernel's default. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void setsDontFragmentOnlyWhenEveryAnswerFitsAnyPath(String loopback) throws Exception {
        InetAddress host = InetAddress.getByName(loopback);
        ZoneIndex zones = exampleCom();
        for (int maxPayload : new int[]{512, 1232, 1233, 4096}) {
            try (DatagramChannel channel = boundTo(host)) {
                int fd = NativeUdp.fd(channel);
                BatchedUdpLoop loop = new BatchedUdpLoop(fd, 32, maxPayload, new QueryStages(() -> zones, maxPayload));
                int mode = NativeUdp.pathMtuMode(fd);
                loop.run(() -> false); // frees the native context
                assertEquals(maxPayload <= BatchedUdpLoop.DONT_FRAGMENT_MAX_PAYLOAD, mode == NativeUdp.PMTUDISC_PROBE,
                        "max payload " + maxPayload + ": IP_MTU_DISCOVER mode " + mode);
            }
        }
    }

    /** The zone both tests answer from, checking first that the native library this class tests is there. */
    private static ZoneIndex exampleCom() throws Exception {
        assertTrue(NativeUdp.AVAILABLE, "libmeridian-udp.so was not built or did not load");
        return new ZoneIndex(List.of(TestZones.compile(TestZones.EXAMPLE_COM)));
    }

    private static DatagramChannel boundTo(InetAddress host) throws java.io.IOException {
        DatagramChannel channel = DatagramChannel.open(host instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(host, 0));
            return channel;
        } catch (java.io.IOException e) {
            channel.close();
            throw e;
        }
    }
}
