package io.homeostat.core;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import java.time.Duration;
import java.util.function.BiFunction;

/**
 * A test scheduler on {@code clock} for code that only schedules one-shot tasks (a guard's
 * deadlines): {@code schedule} does what the test gives it, e.g. refuse, count, or keep the task to
 * run by hand.
 */
record OneShotScheduler(Clock clock, BiFunction<Duration, Runnable, Cancellable> onSchedule) implements Scheduler {

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return onSchedule.apply(delay, task);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        throw new UnsupportedOperationException("a one-shot scheduler for tests");
    }
}
