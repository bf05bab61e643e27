package io.homeostat.core.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The one source of time: wall time for timestamps people read, monotonic time for durations
 * and deadlines, and sleeping. Every time-dependent component takes a {@code Clock}; tests pass
 * a {@link ManualClock}.
 *
 * <p>Implementations are thread-safe.
 */
public interface Clock {

    /** The real clock of this JVM. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** Milliseconds since the epoch, as {@link System#currentTimeMillis()}. */
    long wallMillis();

    /** Wall time as an instant. */
    default Instant instant() {
        return Instant.ofEpochMilli(wallMillis());
    }

    /**
     * Nanoseconds from an arbitrary origin, only meaningful as a difference between two reads of
     * the same clock, as {@link System#nanoTime()}.
     */
    long monotonicNanos();

    /**
     * Blocks the calling thread for {@code duration} of this clock's time. A {@link ManualClock}
     * does not block: it advances itself by {@code duration}.
     *
     * @throws InterruptedException if the thread is interrupted while sleeping
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    void sleep(Duration duration) throws InterruptedException;
}
