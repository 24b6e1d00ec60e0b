package io.meridian.resolver.health;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The state of one health check (ROUTE53.md §1.10): healthy until enough data says otherwise; the
 * raw state flips after FailureThreshold consecutive results against it; Inverted flips what is
 * reported. Keeps the recent observations and the last failure for the API and the dashboard.
 */
final class HealthState {
    static final int HISTORY = 60;

    private int failureThreshold;
    private boolean inverted;
    private boolean rawHealthy = true;
    private int streak;
    private final Deque<Observation> history = new ArrayDeque<>();
    private Observation lastFailure;

    HealthState(int failureThreshold, boolean inverted) {
        this.failureThreshold = failureThreshold;
        this.inverted = inverted;
    }

    /** A changed configuration keeps the state and history; the new threshold and inversion apply from now on. */
    synchronized void configure(int threshold, boolean invert) {
        this.failureThreshold = threshold;
        this.inverted = invert;
    }

    synchronized void record(Observation o) {
        if (o.success() == rawHealthy) {
            streak = 0;
        } else if (++streak >= failureThreshold) {
            rawHealthy = o.success();
            streak = 0;
        }
        if (!o.success()) {
            lastFailure = o;
        }
        history.addFirst(o);
        if (history.size() > HISTORY) {
            history.removeLast();
        }
    }

    /** The status routing sees: the raw state, flipped when the check is inverted. */
    synchronized boolean healthy() {
        return rawHealthy != inverted;
    }

    /** Newest first. */
    synchronized List<Observation> history() {
        return new ArrayList<>(history);
    }

    synchronized Observation lastFailure() {
        return lastFailure;
    }
}
