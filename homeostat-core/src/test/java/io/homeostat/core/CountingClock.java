package io.homeostat.core;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.ManualClock;
import io.homeostat.core.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link ManualClock} that counts its monotonic reads, with a scheduler on itself. */
final class CountingClock implements Clock {

    final ManualClock manual = ManualClock.create();
    final AtomicLong monotonicReads = new AtomicLong();

    @Override
    public long wallMillis() {
        return manual.wallMillis();
    }

    @Override
    public long monotonicNanos() {
        monotonicReads.incrementAndGet();
        return manual.monotonicNanos();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        manual.sleep(duration);
    }

    Scheduler scheduler() {
        Scheduler inner = manual.scheduler();
        Clock self = this;
        return new Scheduler() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return inner.schedule(delay, task);
            }

            @Override
            public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
                return inner.scheduleAtFixedRate(initialDelay, period, task);
            }

            @Override
            public Clock clock() {
                return self;
            }
        };
    }
}
