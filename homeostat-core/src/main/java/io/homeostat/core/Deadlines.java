package io.homeostat.core;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The deadlines of one guard's running attempts, watched by one timer task at a time instead of
 * one per attempt. The task is set for the earliest deadline still running: at a steady stream of
 * calls that finish in time it runs about once per timeout (less the calls' latency), and an
 * attempt costs a queue append under an uncontended lock, where a timer task per attempt would
 * cost two updates of the scheduler's queue and, whenever it had been empty, a wakeup of its
 * thread. Finished watches stay in the queue until the task or a later attempt drops them: those
 * at its head on every start, all of them whenever the queue has doubled since it was last
 * cleared, so it holds at most about twice the most attempts running at once since then, plus
 * {@value #MIN_COMPACTION}. Thread-safe; the lock is not held while a thread is interrupted.
 */
final class Deadlines {

    /** The queue length below which finished watches behind a running one are left for the timer task. */
    static final int MIN_COMPACTION = 64;

    private final Scheduler scheduler;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock(); // not synchronized: virtual threads must not pin

    /** The attempts' watches in the order they started; guarded by {@link #lock}. */
    private final ArrayDeque<TimeoutWatch> watches = new ArrayDeque<>();
    /** The length at which the queue is next cleared of finished watches; guarded by {@link #lock}. */
    private int compactAt = MIN_COMPACTION;
    /** The timer task set now, or null; guarded by {@link #lock}. A task that finds it is not this one does nothing. */
    private Sweep sweep;

    Deadlines(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
    }

    /**
     * Starts watching the current thread until {@code deadline}, on the monotonic time of the
     * scheduler's clock.
     *
     * @throws RuntimeException what the scheduler threw if it refused the timer task (a closed
     *     one); the thread is not watched then
     */
    TimeoutWatch start(long deadline) {
        TimeoutWatch watch = new TimeoutWatch(Thread.currentThread(), deadline);
        lock.lock();
        try {
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
                try {
                    set(deadline);
                } catch (RuntimeException | Error e) {
                    watches.pollLast(); // never to be fired: nobody would finish it
                    throw e;
                }
            }
        } finally {
            lock.unlock();
        }
        return watch;
    }

    /** The watches held now, finished ones included: for tests of the queue's bound. */
    int held() {
        lock.lock();
        try {
            return watches.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets the timer task for {@code at}, replacing the one set before; under {@link #lock}. If the
     * scheduler throws, the task set before stays set.
     */
    private void set(long at) {
        Sweep next = new Sweep(at);
        Cancellable handle = scheduler.schedule(Duration.ofNanos(Math.max(0, at - clock.monotonicNanos())), next);
        if (sweep != null) {
            sweep.handle.cancel();
        }
        next.handle = handle;
        sweep = next;
    }

    /** Interrupts the attempts whose deadline has come, drops finished watches, sets the next task. */
    private void sweep(Sweep task) {
        List<TimeoutWatch> due = new ArrayList<>(1);
        lock.lock();
        try {
            if (sweep != task) {
                return; // replaced by an earlier one
            }
            sweep = null;
            long now = clock.monotonicNanos();
            long[] next = {Long.MAX_VALUE};
            watches.removeIf(watch -> {
                if (watch.finished()) {
                    return true;
                }
                if (watch.deadline() <= now) {
                    due.add(watch);
                    return true;
                }
                next[0] = Math.min(next[0], watch.deadline());
                return false;
            });
            compactAt = Math.max(MIN_COMPACTION, 2 * watches.size());
            if (next[0] != Long.MAX_VALUE) {
                set(next[0]);
            }
        } finally {
            lock.unlock();
            due.forEach(TimeoutWatch::fire); // outside the lock: an interrupt may close a channel
        }
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
