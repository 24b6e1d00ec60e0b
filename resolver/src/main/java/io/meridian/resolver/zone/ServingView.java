package io.meridian.resolver.zone;

import java.util.function.Supplier;

/**
 * The zones the data plane answers from right now. Readers take the current {@link ZoneIndex}
 * with one volatile read and never lock; writers publish a whole new index.
 */
public final class ServingView implements Supplier<ZoneIndex> {
    private volatile ZoneIndex index = ZoneIndex.EMPTY;

    @Override
    public ZoneIndex get() {
        return index;
    }

    public synchronized void publish(ServingZone zone) {
        index = index.with(zone);
    }

    public synchronized void remove(String origin) {
        index = index.without(origin);
    }
}
