package io.meridian.resolver.health;

import java.time.Instant;

/**
 * One probe's result as GetHealthCheckStatus reports it: when, whether it passed, Route 53-style
 * status text ("Success: HTTP Status Code 200, OK"), the checker's address and the probe's latency.
 */
public record Observation(Instant checkedAt, boolean success, String status, String checkerAddress, long latencyMillis) {
}
