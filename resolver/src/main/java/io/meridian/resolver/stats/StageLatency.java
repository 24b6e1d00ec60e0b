package io.meridian.resolver.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Where one answering thread's time goes, in nanoseconds: the whole path from receive to encoded
 * response, and each stage on a sample of queries. One thread records (wait-free, no allocation:
 * the recorders are sized up front and values are capped); {@link LatencyStats} collects.
 */
public final class StageLatency {
    /** The whole path, then the stages in query order. */
    public static final String[] STAGES = {"total", "queue", "decode", "evaluate", "encode"};
    public static final int TOTAL = 0;
    public static final int QUEUE = 1;
    public static final int DECODE = 2;
    public static final int EVALUATE = 3;
    public static final int ENCODE = 4;
    /** 10 s: anything slower is recorded as 10 s rather than overflowing the histogram. */
    static final long MAX_NANOS = 10_000_000_000L;
    static final int DIGITS = 2;

    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[STAGES.length];

    public StageLatency() {
        for (int i = 0; i < recorders.length; i++) {
            recorders[i] = new SingleWriterRecorder(1, MAX_NANOS, DIGITS);
        }
    }

    public void record(int stage, long nanos) {
        recorders[stage].recordValue(Math.max(0, Math.min(nanos, MAX_NANOS)));
    }

    /** {@code count} values of {@code nanos} at once: the queries of a batch sent together. */
    public void record(int stage, long nanos, int count) {
        recorders[stage].recordValueWithCount(Math.max(0, Math.min(nanos, MAX_NANOS)), count);
    }

    /** What was recorded since the last call, handed over in {@code recycle} (may be null the first time). */
    Histogram interval(int stage, Histogram recycle) {
        return recorders[stage].getIntervalHistogram(recycle);
    }

    static Histogram empty() {
        return new Histogram(1, MAX_NANOS, DIGITS);
    }
}
