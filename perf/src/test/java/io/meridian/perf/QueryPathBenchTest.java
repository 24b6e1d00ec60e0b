package io.meridian.perf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the benchmark honest between JMH runs: its set-up answers every query, and the whole
 * query path allocates nothing once warm (counted in bytes by the JVM, not timed).
 */
class QueryPathBenchTest {

    @ParameterizedTest
    @ValueSource(strings = {"static", "routed"})
    void everyBenchmarkQueryIsAnsweredAndTheWarmPathAllocatesNothing(String zone) throws Exception {
        QueryPathBench bench = new QueryPathBench();
        bench.names = 2000;
        bench.zone = zone;
        bench.setUp();
        for (int i = 0; i < 200_000; i++) {
            bench.wholePath();
            bench.cachedPath();
            bench.cachedBatch();
        }
        int[] counted = {0};
        long allocated = ThreadAllocation.bytes(() -> {
            for (int i = 0; i < 100_000; i++) {
                counted[0] += bench.decode() == 0 ? 1 : 0;
                bench.evaluate();
                counted[0] += bench.encode() > 0 ? 0 : -1;
            }
        });
        long replayed = ThreadAllocation.bytes(() -> {
            for (int i = 0; i < 100_000; i++) {
                counted[0] += bench.cachedPath() > 0 ? 0 : -1;
            }
        });
        assertTrue(replayed < 4096, "the path through the response cache allocated " + replayed + " bytes over 100,000 queries");
        long batched = ThreadAllocation.bytes(() -> {
            for (int i = 0; i < 20_000; i++) {
                counted[0] += bench.cachedBatch() > 0 ? 0 : -1;
            }
        });
        assertTrue(batched < 4096, "batches of the batched loop allocated " + batched + " bytes over 100,000 queries");
        int answered = counted[0];
        assertTrue(answered == 100_000, "every benchmark query decodes and gets a response: " + answered);
        // A few hundred bytes of slack for the measurement itself; a per-query allocation would be megabytes.
        assertTrue(allocated < 4096, "the query path allocated " + allocated + " bytes over 100,000 queries");
    }
}
