package io.meridian.perf;

import io.meridian.resolver.pipeline.QuerySlot;
import io.meridian.resolver.pipeline.QueryStages;
import io.meridian.resolver.zone.ZoneIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The per-query path stage by stage (decode, evaluate = lookup, DNS semantics and routing policy,
 * encode) and whole, over a generated zone, static or with routing policies queried with ECS, with
 * the stages the data plane runs (counters, the live query-log ring, latency histograms). Run
 * with {@code -prof gc}: every benchmark must show 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dchronicle.analytics.disable=true"})
public class QueryPathBench {
    /** Few slots, as the inline receiver reuses one: their buffers stay in cache like the real ones. */
    private static final int SLOTS = 64;

    @Param({"10000"})
    int names;

    /** static: plain records; routed: the A names as weighted/failover/multivalue/IP-based groups, queried with ECS. */
    @Param({"static", "routed"})
    String zone = "static";

    private QuerySlot[] slots;
    /** The same queries on slots of the batched UDP loop (see {@link #cachedBatch}). */
    private QuerySlot[] batchedSlots;
    private QueryStages stages;
    /** The same stages with the data plane's response cache: static answers replayed, routed ones evaluated. */
    private QueryStages cachedStages;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        boolean routed = zone.equals("routed");
        ZoneIndex index = new ZoneIndex(List.of(BenchZone.compile(names, routed)));
        // As the data plane builds them: counted, logged to the live-log ring and timed per stage.
        io.meridian.resolver.server.DnsConfig config = io.meridian.resolver.server.DnsConfig.defaults();
        stages = config.stages(() -> index, new io.meridian.resolver.pipeline.QueryMetrics());
        cachedStages = config.stages(() -> index, new io.meridian.resolver.pipeline.QueryMetrics())
                .withResponseCache(config.responseCache());
        List<byte[]> queries = BenchZone.queries(names, SLOTS, 42, routed);
        slots = new QuerySlot[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            QuerySlot s = new QuerySlot(1232);
            byte[] q = queries.get(i);
            System.arraycopy(q, 0, s.in, 0, q.length);
            s.inLength = q.length;
            s.receivedNanos = System.nanoTime();
            cachedStages.process(s, false);
            stages.process(s, false);
            if (s.outLength <= 0) {
                throw new IllegalStateException("benchmark query " + i + " was not answered");
            }
            slots[i] = s;
        }
        batchedSlots = new QuerySlot[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            QuerySlot s = new QuerySlot(1232);
            System.arraycopy(slots[i].in, 0, s.in, 0, slots[i].inLength);
            s.inLength = slots[i].inLength;
            s.batched = true;
            batchedSlots[i] = s;
        }
    }

    private QuerySlot next(QuerySlot[] from) {
        return from[next++ & (SLOTS - 1)];
    }

    @Benchmark
    public int decode() {
        QuerySlot s = next(slots);
        s.receivedNanos = System.nanoTime();
        stages.decode(s);
        return s.status;
    }

    @Benchmark
    public int evaluate() {
        QuerySlot s = next(slots);
        stages.evaluate(s, false);
        return s.answer.rcode;
    }

    @Benchmark
    public int encode() {
        QuerySlot s = next(slots);
        stages.encode(s, false);
        return s.outLength;
    }

    @Benchmark
    public int wholePath() {
        QuerySlot s = next(slots);
        s.receivedNanos = System.nanoTime(); // what the receiver does
        stages.process(s, false);
        return s.outLength;
    }

    @Benchmark
    public int cachedPath() {
        QuerySlot s = next(slots);
        s.receivedNanos = System.nanoTime();
        cachedStages.process(s, false);
        return s.outLength;
    }

    /** Datagrams one recvmmsg returns on the bench at 50k QPS: 5.3-5.6 on average (perf/README). */
    private static final int BATCH = 5;

    /**
     * {@link #cachedPath} as the batched UDP loop runs it: one clock read when a batch is received,
     * its queries answered, and their latency recorded together as it is sent. Per query.
     */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(BATCH)
    public int cachedBatch() {
        long received = System.nanoTime();
        int bytes = 0;
        QuerySlot s = null;
        for (int i = 0; i < BATCH; i++) {
            s = next(batchedSlots);
            s.receivedNanos = received;
            cachedStages.process(s, false);
            bytes += s.outLength;
        }
        cachedStages.batchSent(s);
        return bytes;
    }
}
