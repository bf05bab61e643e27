package io.homeostat.core.bulkhead.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The estimate of a dependency's no-load latency: the fastest call that ran at low load (the
 * caller says which calls did) in the current window of time and the one before it. A window
 * without such a call keeps the older estimate rather than forgetting it, so calls that always
 * queue (callers keeping every slot busy) never pass for no-load ones; the very first call seeds
 * the estimate whatever its load. Thread-safe, lock-free, allocation-free; a latency recorded
 * while another thread rotates the window may land in either window.
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

    /**
     * Records {@code latencyNanos} at {@code nowNanos} if {@code lowLoad} (or if there is no
     * estimate yet); returns the estimate, or {@code latencyNanos} itself while there is none.
     */
    long observe(long nowNanos, long latencyNanos, boolean lowLoad) {
        long start = windowStart.get();
        if (nowNanos - start >= windowNanos && windowStart.compareAndSet(start, nowNanos)) {
            long ended = current.getAndSet(NONE);
            if (ended != NONE) {
                previous = ended;
            }
        }
        long seen = current.get();
        if (lowLoad || (seen == NONE && previous == NONE)) {
            while (latencyNanos < seen) {
                long witness = current.compareAndExchange(seen, latencyNanos);
                if (witness == seen) {
                    seen = latencyNanos;
                    break;
                }
                seen = witness;
            }
        }
        long estimate = Math.min(previous, seen);
        return estimate == NONE ? latencyNanos : estimate;
    }
}
