package io.meridian.resolver.health;

/**
 * How this appliance probes (meridian.yaml {@code health:}).
 *
 * @param allowPrivateTargets      probe loopback and private addresses; Route 53 refuses them because
 *                                 it probes from the internet, an appliance usually probes its own network
 * @param minimumRequestInterval   RequestInterval may be 10, 30 or, below 10, any value down to this
 *                                 (tests use 1 to see state changes in seconds)
 * @param concurrency              probes in flight at once
 */
public record HealthSettings(boolean allowPrivateTargets, int minimumRequestInterval, int concurrency) {
    public static final HealthSettings DEFAULTS = new HealthSettings(true, 10, 16);

    public HealthSettings {
        if (minimumRequestInterval < 1 || minimumRequestInterval > 10) {
            throw new IllegalArgumentException("health.minimumRequestInterval must be 1 to 10 seconds, got " + minimumRequestInterval);
        }
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("health.concurrency must be 1 to 1024, got " + concurrency);
        }
    }

    /** Route 53's 10 and 30, and whatever lower interval the operator allowed. */
    public boolean intervalAllowed(int seconds) {
        return seconds == 10 || seconds == 30 || (seconds >= minimumRequestInterval && seconds < 10);
    }
}
