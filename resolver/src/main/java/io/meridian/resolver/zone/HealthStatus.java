package io.meridian.resolver.zone;

/** Health as the query path reads it: one slot per health check, fixed when a zone is compiled. */
public interface HealthStatus {
    /** Slot -1 stands for "no health check": healthy. */
    boolean healthy(int slot);

    HealthStatus ALWAYS_HEALTHY = slot -> true;
}
