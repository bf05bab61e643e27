package io.homeostat.core.time;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link Scheduler#dedicated} gives where the scheduler has no threads to split (a
 * {@link ManualClock}'s, whose tasks run inside {@code advance}, in time order): the same
 * scheduler, with a {@link #close()} that does nothing.
 */
record SharedQueueScheduler(Scheduler scheduler) implements DedicatedScheduler {

    SharedQueueScheduler {
        Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return scheduler.schedule(delay, task);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        return scheduler.scheduleAtFixedRate(initialDelay, period, task);
    }

    @Override
    public Clock clock() {
        return scheduler.clock();
    }

    @Override
    public void close() {
        // nothing of its own to stop
    }
}
