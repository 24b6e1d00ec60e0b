package io.meridian.perf;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every policy of PolicyBench answers its query, and evaluating it allocates nothing once warm. */
class PolicyBenchTest {

    @ParameterizedTest
    @ValueSource(strings = {"simple", "weighted", "failover", "multivalue", "geolocation", "latency", "geoproximity", "ip"})
    void eachPolicyAnswersWithoutAllocating(String policy) throws Exception {
        PolicyBench bench = new PolicyBench();
        bench.policy = policy;
        bench.setUp();
        for (int i = 0; i < 100_000; i++) {
            bench.wholePath();
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        int answered = 0;
        for (int i = 0; i < 100_000; i++) {
            answered += bench.evaluate() > 0 ? 1 : 0;
            bench.wholePath();
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertTrue(answered == 100_000, policy + ": answered " + answered);
        assertTrue(allocated < 4096, policy + ": the query path allocated " + allocated + " bytes over 100,000 queries");
    }
}
