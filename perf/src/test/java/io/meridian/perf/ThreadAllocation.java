package io.meridian.perf;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates while running some work, as the JVM counts them (not timed). */
final class ThreadAllocation {
    private ThreadAllocation() {
    }

    static long bytes(Runnable work) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        work.run();
        return threads.getThreadAllocatedBytes(tid) - before;
    }
}
