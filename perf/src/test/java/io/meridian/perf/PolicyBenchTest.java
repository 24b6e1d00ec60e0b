package io.meridian.perf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


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
        int[] answered = {0};
        long allocated = ThreadAllocation.bytes(() -> {
            for (int i = 0; i < 100_000; i++) {
                answered[0] += bench.evaluate() > 0 ? 1 : 0;
                bench.wholePath();
            }
        });
        assertTrue(answered[0] == 100_000, policy + ": answered " + answered[0]);
        assertTrue(allocated < 4096, policy + ": the query path allocated " + allocated + " bytes over 100,000 queries");
    }
}
