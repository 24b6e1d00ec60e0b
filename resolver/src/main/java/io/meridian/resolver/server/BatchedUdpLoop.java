package io.meridian.resolver.server;

import io.meridian.resolver.pipeline.QuerySlot;
import io.meridian.resolver.pipeline.QueryStages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The inline receiver with batched system calls: receive up to a batch of queries at once, answer
 * each through the stages on one reused slot, send all answers at once. Buffers and arrays are
 * allocated once, here.
 */
final class BatchedUdpLoop {
    private static final Logger LOG = LoggerFactory.getLogger(BatchedUdpLoop.class);
    /** How often a receive with nothing to read returns, so that a stop is noticed. */
    static final int WAKE_MILLIS = 200;
    /**
     * Answers up to this size go out with DF set (RFC 9715 §3.1: DNS over UDP avoids IP
     * fragmentation): 1232 bytes fit any IPv6 path (1280-byte minimum MTU), DNS Flag Day 2020's
     * value and our default. An operator who allows larger answers leaves fragmenting to the
     * kernel, as before, rather than have them dropped on a narrower path.
     */
    static final int DONT_FRAGMENT_MAX_PAYLOAD = 1232;

    private final int fd;
    private final int outSlot;
    private final ByteBuffer in;
    private final ByteBuffer out;
    /** Lengths and peer addresses, shared with the library (see NativeUdp's META_* layout). */
    private final ByteBuffer meta;
    private final long context;
    private final byte[] peer = new byte[NativeUdp.ADDR_STRIDE];
    private final QuerySlot slot;
    private final QueryStages stages;
    /** The cache whose buffers the native receive reads: held here so they outlive the context whatever the stages do. */
    private final io.meridian.resolver.pipeline.ResponseCache prefetchedCache;

    BatchedUdpLoop(int fd, int batch, int maxUdpPayload, QueryStages stages) {
        this.fd = fd;
        int slots = Math.min(batch, NativeUdp.MAX_BATCH);
        this.outSlot = maxUdpPayload;
        this.in = ByteBuffer.allocateDirect(slots * QuerySlot.MAX_QUERY);
        this.out = ByteBuffer.allocateDirect(slots * maxUdpPayload);
        this.meta = ByteBuffer.allocateDirect(NativeUdp.META_SIZE).order(ByteOrder.nativeOrder());
        this.slot = new QuerySlot(maxUdpPayload);
        slot.batched = true;
        this.stages = stages;
        this.context = NativeUdp.open(in, QuerySlot.MAX_QUERY, out, outSlot, meta, slots);
        if (context == 0) {
            throw new IllegalStateException("the native library refused the batch buffers");
        }
        io.meridian.resolver.pipeline.ResponseCache cache = stages.responseCache();
        this.prefetchedCache = cache;
        if (cache != null && NativeUdp.prefetchFrom(context, cache.tags(), cache.entries(), cache.setMask(),
                io.meridian.resolver.pipeline.ResponseCache.WAYS, io.meridian.resolver.pipeline.ResponseCache.ENTRY) != 0) {
            LOG.warn("the native library refused the response cache's buffers: replays will not be prefetched");
        }
        NativeUdp.setReceiveTimeout(fd, WAKE_MILLIS);
        if (maxUdpPayload <= DONT_FRAGMENT_MAX_PAYLOAD) {
            int failed = NativeUdp.setDontFragment(fd);
            if (failed < 0) {
                LOG.warn("UDP answers may be fragmented: setting DF failed with errno {}", -failed);
            }
        }
    }

    /** How many received datagrams had their response-cache entry prefetched (valid until {@link #run} returns). */
    long prefetched() {
        return NativeUdp.prefetched(context);
    }

    /** Serves until {@code running} turns false; the caller closes the socket afterwards. Runs once. */
    void run(java.util.function.BooleanSupplier running) {
        try {
            while (running.getAsBoolean()) {
                // While traffic bypasses the cache, finding entries would only cost a hash per datagram.
                int n = NativeUdp.receive(context, fd, prefetchedCache != null && !prefetchedCache.bypassing());
                if (n > 0) {
                    serve(n);
                } else if (n < 0) {
                    LOG.warn("UDP receive failed: errno {}", -n);
                }
            }
        } finally {
            NativeUdp.close(context);
        }
    }

    /**
     * Answers and sends one received batch. A method of its own, compiled on its own: under steady
     * traffic every receive returns datagrams, so the JIT compiles this loop with the idle branch
     * (a receive timing out) left out; the first idle moment then throws that compiled loop away.
     * Had the batch's work been compiled only inside it, every query would run interpreted until it
     * was compiled again (on one core under dnsperf: a ~50 ms stall and ~2,400 datagrams dropped
     * when traffic resumed); as it is, only this small loop is.
     */
    private void serve(int n) {
        // One clock read per batch: every datagram of it was read by this one call.
        slot.receivedNanos = System.nanoTime();
        for (int i = 0; i < n; i++) {
            meta.putInt(NativeUdp.META_OUT_LENS + 4 * i, answer(i));
        }
        // The answers leave together, so each waited for the whole batch: its latency is the batch's.
        stages.batchSent(slot);
        NativeUdp.send(context, fd, n);
    }

    private int answer(int i) {
        int len = meta.getInt(NativeUdp.META_IN_LENS + 4 * i);
        if (len < 0) {
            return -1;
        }
        in.get(i * QuerySlot.MAX_QUERY, slot.in, 0, len);
        slot.inLength = len;
        meta.get(NativeUdp.META_ADDRS + i * NativeUdp.ADDR_STRIDE, peer);
        slot.source(peer, 0);
        stages.process(slot, false);
        if (slot.outLength < 0) {
            return -1;
        }
        out.put(i * outSlot, slot.out, 0, slot.outLength);
        return slot.outLength;
    }
}
