package io.meridian.resolver.server;

import io.meridian.resolver.testing.DataDirs;
import io.meridian.resolver.testing.RunningServer;
import io.meridian.resolver.testing.TestZones;
import io.meridian.resolver.testing.Wire;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every stage layout and wait strategy, and the inline layout with batched (recvmmsg/sendmmsg)
 * and plain JDK sockets, answers a burst of queries completely and correctly.
 */
class DataPlaneModesTest {

    @org.junit.jupiter.api.Test
    void theBatchedUdpLibraryIsBuiltAndLoads() {
        // scripts/test installs gcc, so the jar under test must carry the native library.
        org.junit.jupiter.api.Assertions.assertTrue(NativeUdp.AVAILABLE, "libmeridian-udp.so was not built or did not load");
    }

    @ParameterizedTest
    @CsvSource({"INLINE,BLOCKING,1,32", "INLINE,BLOCKING,2,8", "INLINE,BLOCKING,1,1", "FUSED,BLOCKING,1,1",
            "SPLIT,SLEEPING,2,1", "FUSED,YIELDING,2,1", "SPLIT,BLOCKING,1,1"})
    void answersEveryQueryOfABurst(DnsConfig.Stages stages, DnsConfig.WaitStrategy wait, int shards, int batch) throws Exception {
        try (RunningServer server = RunningServer.start(DataDirs.fresh("modes"),
                List.of(TestZones.write("example", TestZones.EXAMPLE_COM)),
                d -> new DnsConfig(d.listen(), shards, 64, stages, wait, d.maxUdpPayload(), d.tcpMaxConnections(),
                        d.tcpIdleTimeoutMillis(), batch));
             DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(3000);
            int burst = 1000;
            // Windows of 50 outstanding queries: more than the 64-slot ring sees at once in practice,
            // fewer than would overflow the client's own receive buffer.
            int window = 50;
            Map<Integer, String> answers = new HashMap<>();
            byte[] buf = new byte[1500];
            for (int from = 0; from < burst; from += window) {
                for (int id = from; id < from + window; id++) {
                    byte[] q = Wire.query(id, id % 2 == 0 ? "www.example.com." : "mail.example.com.", Type.A);
                    client.send(new DatagramPacket(q, q.length, server.udp()));
                }
                while (answers.size() < from + window) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    client.receive(p);
                    Message m = Wire.parse(Arrays.copyOf(buf, p.getLength()), p.getLength());
                    answers.put(m.getHeader().getID(), m.getSection(Section.ANSWER).get(0).rdataToString());
                }
            }
            for (int id = 0; id < burst; id++) {
                assertEquals(id % 2 == 0 ? "192.0.2.80" : "192.0.2.25", answers.get(id), "query " + id);
            }
        }
    }
}
