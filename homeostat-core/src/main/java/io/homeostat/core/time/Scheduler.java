package io.homeostat.core.time;

import java.time.Duration;

/**
 * Runs work later, on the time of a {@link Clock}. The system scheduler runs tasks on one daemon
 * timer thread, so tasks must be short and must hand long work to an executor; a
 * {@link ManualClock}'s scheduler runs them inside {@link ManualClock#advance(Duration)}.
 *
 * <p>Implementations are thread-safe. A task that throws is counted by the implementation and
 * does not stop later runs of periodic work.
 */
public interface Scheduler {

    /** A scheduler on the real clock, shared by the JVM, on one daemon thread. */
    static Scheduler system() {
        return SystemScheduler.INSTANCE;
    }

    /**
     * A scheduler on the real clock, shared by the JVM, on a daemon thread of its own
     * ({@code homeostat-deadlines}) that runs only guards' timeouts: short tasks that interrupt
     * late calls. A timeout watched there fires even while {@link #system()}'s thread is busy,
     * and even when the late call is running on that very thread. Guards on the real clock use it
     * unless given a scheduler.
     */
    static Scheduler deadlines() {
        return SystemScheduler.DEADLINES;
    }

    /**
     * Runs {@code task} once after {@code delay}.
     *
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * Runs {@code task} every {@code period}, the first time after {@code initialDelay}.
     *
     * @throws IllegalArgumentException if {@code initialDelay} is negative or {@code period} is
     *     not positive
     */
    Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task);

    /** The clock whose time this scheduler follows. */
    Clock clock();

    /**
     * A scheduler on the same clock for work that may be slow (a control loop's tick that waits
     * for a database), so one slow task cannot delay the short timers of this scheduler (breaker,
     * timeout and health-check timers, retention runs) nor be delayed by them. The
     * {@linkplain #system() system scheduler} gives a new scheduler with one daemon thread of its
     * own named {@code threadName}; close it when done, which stops that thread. The default, and
     * a {@link ManualClock}'s scheduler, give this scheduler itself (its tasks still run inside
     * {@link ManualClock#advance}, in time order) with a {@code close()} that does nothing.
     *
     * @throws NullPointerException if {@code threadName} is null
     * @throws IllegalArgumentException if {@code threadName} is blank
     */
    default DedicatedScheduler dedicated(String threadName) {
        SystemScheduler.requireThreadName(threadName);
        return new SharedQueueScheduler(this);
    }
}
