package io.homeostat.core.breaker.internal;

import io.homeostat.core.breaker.WindowSnapshot;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The outcomes of the last N seconds, in one bucket per second of monotonic time. Each bucket has
 * the second it holds, a call count and a packed count of failures (high 32 bits) and slow calls
 * (low 32 bits). A call in a bucket that still holds an older second rolls it over: a CAS marks it
 * as rolling, the winner writes the new counts and then the new second. A success that is
 * neither failed nor slow in the current second costs one volatile read and one atomic add; the
 * window is summed only when someone asks (a failure or a slow call, or a snapshot).
 */
final class TimeWindow implements Window {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long ROLLING = Long.MIN_VALUE;
    private static final long EMPTY = Long.MIN_VALUE + 1;
    private static final long FAILURE_ONE = 1L << 32;

    private final int seconds;
    private final AtomicLongArray epochs;
    private final AtomicLongArray calls;
    private final AtomicLongArray failuresAndSlow;

    TimeWindow(int seconds) {
        this.seconds = seconds;
        this.epochs = new AtomicLongArray(seconds);
        this.calls = new AtomicLongArray(seconds);
        this.failuresAndSlow = new AtomicLongArray(seconds);
        for (int i = 0; i < seconds; i++) {
            epochs.set(i, EMPTY);
        }
    }

    @Override
    public void record(long nowNanos, int code) {
        long epoch = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        int index = (int) Math.floorMod(epoch, (long) seconds);
        long weight = weight(code);
        for (int spins = 0; ; spins++) {
            long held = epochs.get(index);
            if (held == epoch) {
                calls.getAndIncrement(index);
                if (weight != 0) {
                    failuresAndSlow.getAndAdd(index, weight);
                }
                return;
            }
            if (held > epoch) {
                return; // a later second owns the bucket: this call is older than the window
            }
            if (held == ROLLING) {
                if (spins > 100) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            } else if (epochs.compareAndSet(index, held, ROLLING)) {
                calls.set(index, 1);
                failuresAndSlow.set(index, weight);
                epochs.set(index, epoch);
                return;
            }
        }
    }

    @Override
    public WindowSnapshot snapshot(long nowNanos, int consecutiveFailures) {
        long newest = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        long oldest = newest - seconds + 1;
        long callSum = 0;
        long failureSum = 0;
        long slowSum = 0;
        for (int i = 0; i < seconds; i++) {
            long epoch = epochs.get(i);
            if (epoch >= oldest && epoch <= newest) {
                callSum += calls.get(i);
                long packed = failuresAndSlow.get(i);
                failureSum += packed >>> 32;
                slowSum += packed & 0xFFFF_FFFFL;
            }
        }
        failureSum = Math.min(failureSum, callSum); // a racing add bumps calls before failures
        slowSum = Math.min(slowSum, callSum);
        return new WindowSnapshot(
                Window.scale(callSum, callSum, Integer.MAX_VALUE),
                Window.scale(failureSum, callSum, Integer.MAX_VALUE),
                Window.scale(slowSum, callSum, Integer.MAX_VALUE),
                consecutiveFailures);
    }

    @Override
    public void fill(long nowNanos, WindowSnapshot counts) {
        long epoch = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        int index = (int) Math.floorMod(epoch, (long) seconds);
        calls.set(index, counts.calls());
        failuresAndSlow.set(index, (long) counts.failures() << 32 | counts.slowCalls());
        epochs.set(index, epoch);
    }

    private static long weight(int code) {
        return ((code & FAILURE) != 0 ? FAILURE_ONE : 0) + ((code & SLOW) != 0 ? 1 : 0);
    }
}
