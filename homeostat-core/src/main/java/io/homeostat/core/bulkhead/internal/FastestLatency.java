package io.homeostat.core.bulkhead.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The fastest latency seen in the current window of time and the one before it: the estimate of
 * a dependency's no-load latency that follows the dependency when its own latency moves, within
 * two windows. Thread-safe, lock-free, allocation-free; a latency recorded while another thread
 * rotates the window may land in either window.
 */
final class FastestLatency {

    private static final long NONE = Long.MAX_VALUE;

    private final long windowNanos;
    private final AtomicLong windowStart;
    private final AtomicLong current = new AtomicLong(NONE);
    private volatile long previous = NONE;

    FastestLatency(long windowNanos, long nowNanos) {
        this.windowNanos = windowNanos;
        this.windowStart = new AtomicLong(nowNanos);
    }

    /** Records {@code latencyNanos} at {@code nowNanos}; returns the fastest of both windows, it included. */
    long observe(long nowNanos, long latencyNanos) {
        long start = windowStart.get();
        long age = nowNanos - start;
        if (age >= windowNanos && windowStart.compareAndSet(start, nowNanos)) {
            long ended = current.getAndSet(NONE);
            previous = age >= 2 * windowNanos ? NONE : ended; // after an idle window, nothing is recent
        }
        long seen = current.get();
        while (latencyNanos < seen) {
            long witness = current.compareAndExchange(seen, latencyNanos);
            if (witness == seen) {
                seen = latencyNanos;
                break;
            }
            seen = witness;
        }
        return Math.min(previous, Math.min(seen, latencyNanos));
    }
}
