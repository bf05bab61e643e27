package io.homeostat.core;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The deadlines of one guard's running attempts, watched by one timer task at a time instead of
 * one per attempt. The task is set for the earliest deadline still running: at a steady stream of
 * calls that finish in time it runs about once per timeout and an attempt costs a queue append
 * under an uncontended lock, where a timer task per attempt would cost two updates of the
 * scheduler's queue and, whenever it had been empty, a wakeup of its thread. Finished watches stay
 * in the queue until the task or a later attempt drops them: those at its head on every start,
 * all of them whenever the queue has doubled since the last such sweep, so it holds at most about
 * twice the attempts still running, plus {@value #MIN_COMPACTION}. Thread-safe.
 */
final class Deadlines {

    /** The queue length below which finished watches behind a running one are left for the timer task. */
    static final int MIN_COMPACTION = 64;

    private final Scheduler scheduler;
    private final Clock clock;
    private final Object lock = new Object();

    /** The attempts' watches in the order they started; guarded by {@link #lock}. */
    private final ArrayDeque<TimeoutWatch> watches = new ArrayDeque<>();
    /** The length at which the queue is next cleared of finished watches; guarded by {@link #lock}. */
    private int compactAt = MIN_COMPACTION;
    /** The timer task set now, or null; a task that finds it is no longer this one does nothing. */
    private Sweep sweep;

    Deadlines(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
    }

    /**
     * Starts watching the current thread until {@code deadline} (on the scheduler's clock's
     * monotonic time; {@code now} is that time now).
     */
    TimeoutWatch start(long now, long deadline) {
        TimeoutWatch watch = new TimeoutWatch(Thread.currentThread(), deadline);
        synchronized (lock) {
            TimeoutWatch head;
            while ((head = watches.peekFirst()) != null && head.finished()) {
                watches.pollFirst();
            }
            watches.addLast(watch);
            if (watches.size() >= compactAt) {
                watches.removeIf(TimeoutWatch::finished);
                compactAt = Math.max(MIN_COMPACTION, 2 * watches.size());
            }
            if (sweep == null || deadline < sweep.at) {
                set(now, deadline);
            }
        }
        return watch;
    }

    /** The watches held now, finished ones included: for tests of the queue's bound. */
    int held() {
        synchronized (lock) {
            return watches.size();
        }
    }

    /** Sets the timer task for {@code at}, replacing the one set before; under {@link #lock}. */
    private void set(long now, long at) {
        if (sweep != null) {
            sweep.handle.cancel();
        }
        Sweep next = new Sweep(at);
        sweep = next;
        next.handle = scheduler.schedule(Duration.ofNanos(Math.max(0, at - now)), next);
    }

    /** Interrupts the attempts whose deadline has come, drops finished watches, sets the next task. */
    private void sweep(Sweep task) {
        List<TimeoutWatch> due = new ArrayList<>(1);
        synchronized (lock) {
            if (sweep != task) {
                return; // replaced by an earlier one
            }
            sweep = null;
            long now = clock.monotonicNanos();
            long next = Long.MAX_VALUE;
            for (Iterator<TimeoutWatch> it = watches.iterator(); it.hasNext(); ) {
                TimeoutWatch watch = it.next();
                if (watch.finished()) {
                    it.remove();
                } else if (watch.deadline() <= now) {
                    it.remove();
                    due.add(watch);
                } else {
                    next = Math.min(next, watch.deadline());
                }
            }
            compactAt = Math.max(MIN_COMPACTION, 2 * watches.size());
            if (next != Long.MAX_VALUE) {
                set(now, next);
            }
        }
        due.forEach(TimeoutWatch::fire); // outside the lock: an interrupt may close a channel
    }

    /** One setting of the timer task. */
    private final class Sweep implements Runnable {

        final long at;
        /** Set under the lock just after scheduling, so whoever replaces this task under it finds it set. */
        Cancellable handle;

        Sweep(long at) {
            this.at = at;
        }

        @Override
        public void run() {
            sweep(this);
        }
    }
}
