package io.meridian.resolver.health;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The status of every health check as the query path reads it: one int slot per check Id,
 * 1 healthy and 0 unhealthy, written by the checker threads and read without locks. A check
 * nobody has probed yet, or one deleted while records still name it, reads healthy, as in
 * Route 53 (a new check is healthy until the data says otherwise).
 */
public final class HealthTable implements io.meridian.resolver.zone.HealthSlots {
    private final ConcurrentHashMap<String, Integer> slots = new ConcurrentHashMap<>();
    private final AtomicIntegerArray status;
    private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

    public HealthTable(int capacity) {
        status = new AtomicIntegerArray(capacity);
        for (int i = 0; i < capacity; i++) {
            status.set(i, 1);
        }
    }

    /** The slot of a check Id, assigned on first use (compile time, never per query); -1 when the table is full. */
    @Override
    public int slot(String checkId) {
        return slots.computeIfAbsent(checkId, k -> {
            int s = next.getAndIncrement();
            return s < status.length() ? s : -1;
        });
    }

    /** Whether the check in {@code slot} is healthy; slot -1 (no check) is healthy. */
    @Override
    public boolean healthy(int slot) {
        return slot < 0 || status.get(slot) != 0;
    }

    public boolean healthy(String checkId) {
        Integer s = slots.get(checkId);
        return s == null || healthy(s);
    }

    void set(String checkId, boolean healthy) {
        int s = slot(checkId);
        if (s >= 0) {
            status.set(s, healthy ? 1 : 0);
        }
    }
}
