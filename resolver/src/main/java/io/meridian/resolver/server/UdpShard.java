package io.meridian.resolver.server;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.meridian.resolver.pipeline.QuerySlot;
import io.meridian.resolver.pipeline.QueryStages;
import io.meridian.resolver.zone.ZoneIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One UDP socket and its Disruptor ring: a receiver thread copies each datagram into the next
 * slot, and the handlers decode, evaluate, encode and send from that slot (DESIGN.md, query path).
 * With {@link DnsConfig.Stages#INLINE} there is no ring: the receiver runs the same stages on one
 * slot itself, which saves a thread hand-off per query when the box has few cores.
 */
final class UdpShard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpShard.class);

    private final DatagramChannel channel;
    private final Disruptor<QuerySlot> disruptor;
    private final RingBuffer<QuerySlot> ring;
    private final Thread receiver;
    private volatile boolean running = true;
    /** The native loop owns the descriptor while it runs: the socket is closed only after it stops. */
    private boolean batched;

    UdpShard(int index, DatagramChannel channel, DnsConfig config, Supplier<ZoneIndex> zones,
             io.meridian.resolver.pipeline.QueryMetrics metrics) {
        this.channel = channel;
        if (config.stages() == DnsConfig.Stages.INLINE) {
            disruptor = null;
            ring = null;
            QueryStages stages = config.stages(zones, metrics).withResponseCache(config.responseCache());
            Runnable loop = batchedLoop(config, stages);
            if (loop == null) {
                QuerySlot slot = new QuerySlot(config.maxUdpPayload());
                loop = () -> inlineLoop(slot, stages);
            }
            receiver = new Thread(loop, "dns-udp-" + index + "-inline");
            receiver.setDaemon(true);
            receiver.start();
            return;
        }
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "dns-udp-" + index + "-stage");
            t.setDaemon(true);
            return t;
        };
        disruptor = new Disruptor<>(() -> new QuerySlot(config.maxUdpPayload()), config.ringSize(), threads,
                ProducerType.SINGLE, switch (config.waitStrategy()) {
                    case BLOCKING -> new BlockingWaitStrategy();
                    case SLEEPING -> new SleepingWaitStrategy();
                    case YIELDING -> new YieldingWaitStrategy();
                });
        if (config.stages() == DnsConfig.Stages.FUSED) {
            QueryStages stages = config.stages(zones, metrics).withResponseCache(config.responseCache());
            disruptor.handleEventsWith((EventHandler<QuerySlot>) (slot, seq, end) -> {
                stages.process(slot, false);
                send(slot);
            });
        } else {
            QueryStages decode = config.stages(zones, metrics);
            QueryStages evaluate = config.stages(zones, metrics);
            QueryStages encode = config.stages(zones, metrics);
            disruptor.handleEventsWith((EventHandler<QuerySlot>) (slot, seq, end) -> decode.decode(slot))
                    .then((EventHandler<QuerySlot>) (slot, seq, end) -> evaluate.evaluate(slot, false))
                    .then((EventHandler<QuerySlot>) (slot, seq, end) -> {
                        encode.encode(slot, false);
                        send(slot);
                    });
        }
        ring = disruptor.start();
        receiver = new Thread(this::receiveLoop, "dns-udp-" + index + "-recv");
        receiver.setDaemon(true);
        receiver.start();
    }

    /** The recvmmsg/sendmmsg loop when configured and the native library loaded, else null. */
    private Runnable batchedLoop(DnsConfig config, QueryStages stages) {
        if (config.udpBatch() <= 1 || !NativeUdp.AVAILABLE) {
            return null;
        }
        try {
            BatchedUdpLoop loop = new BatchedUdpLoop(NativeUdp.fd(channel), config.udpBatch(), config.maxUdpPayload(), stages);
            batched = true;
            return () -> loop.run(() -> running);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("batched UDP unavailable for this socket ({}); using JDK sockets", e.toString());
            return null;
        }
    }

    private void inlineLoop(QuerySlot slot, QueryStages stages) {
        while (channel.isOpen()) {
            receive(slot);
            stages.process(slot, false);
            send(slot);
        }
    }

    private void receiveLoop() {
        while (channel.isOpen()) {
            long seq = ring.next();
            try {
                receive(ring.get(seq));
            } finally {
                ring.publish(seq);
            }
        }
    }

    /** Fills {@code slot} with the next datagram; on failure leaves it empty, which decodes to DROP. */
    private void receive(QuerySlot slot) {
        try {
            slot.inBuffer.clear();
            SocketAddress from = channel.receive(slot.inBuffer);
            slot.receivedNanos = System.nanoTime();
            slot.client = from;
            slot.source(from);
            slot.inLength = slot.inBuffer.position();
        } catch (ClosedChannelException e) {
            slot.client = null;
            slot.inLength = 0;
        } catch (IOException e) {
            LOG.warn("UDP receive failed: {}", e.toString());
            slot.client = null;
            slot.inLength = 0;
        }
    }

    private void send(QuerySlot slot) {
        if (slot.client == null || slot.outLength < 0) {
            return;
        }
        slot.outBuffer.clear().limit(slot.outLength);
        try {
            channel.send(slot.outBuffer, slot.client);
        } catch (IOException e) {
            // The client is gone or the socket is closing; a lost UDP answer is retried by the client.
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        if (!batched) {
            channel.close();
        }
        try {
            receiver.join(2000);
            if (batched) {
                channel.close();
            }
            if (disruptor != null) {
                disruptor.shutdown(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (com.lmax.disruptor.TimeoutException e) {
            disruptor.halt();
        }
    }
}
