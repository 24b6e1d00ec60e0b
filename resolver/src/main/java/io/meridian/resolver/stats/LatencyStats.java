package io.meridian.resolver.stats;

import org.HdrHistogram.Histogram;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Latency of every answering thread merged, per stage: since start, and over the last minute as
 * six ten-second slices. {@link #collect} runs once a second off the query path.
 */
public final class LatencyStats {
    private static final int SLICES = 6;
    private static final int SLICE_SECONDS = 10;

    private final Supplier<List<StageLatency>> sources;
    private final Map<StageLatency, Histogram[]> recycled = new IdentityHashMap<>();
    private final Histogram[] sinceStart = histograms();
    private final Histogram[][] slices = new Histogram[SLICES][];
    private int seconds;

    public LatencyStats(Supplier<List<StageLatency>> sources) {
        this.sources = sources;
        for (int i = 0; i < SLICES; i++) {
            slices[i] = histograms();
        }
    }

    /** Moves what each thread recorded since the last call into the totals. */
    public synchronized void collect() {
        int slice = (seconds / SLICE_SECONDS) % SLICES;
        if (seconds % SLICE_SECONDS == 0) {
            for (Histogram h : slices[slice]) {
                h.reset();
            }
        }
        seconds++;
        for (StageLatency source : sources.get()) {
            Histogram[] spare = recycled.computeIfAbsent(source, s -> new Histogram[StageLatency.STAGES.length]);
            for (int stage = 0; stage < spare.length; stage++) {
                Histogram interval = source.interval(stage, spare[stage]);
                sinceStart[stage].add(interval);
                slices[slice][stage].add(interval);
                spare[stage] = interval;
            }
        }
    }

    /** A copy of the stage's histogram since start. */
    public synchronized Histogram sinceStart(int stage) {
        return sinceStart[stage].copy();
    }

    /** The stage's histogram over the last minute (50-60 s, by ten-second slices). */
    public synchronized Histogram lastMinute(int stage) {
        Histogram h = StageLatency.empty();
        for (Histogram[] slice : slices) {
            h.add(slice[stage]);
        }
        return h;
    }

    private static Histogram[] histograms() {
        Histogram[] h = new Histogram[StageLatency.STAGES.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = StageLatency.empty();
        }
        return h;
    }
}
