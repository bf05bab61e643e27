package io.homeostat.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A clock that moves only when told to, with a {@link Scheduler} on its time: tasks run inside
 * {@link #advance(Duration)}, in time order, each at its own due time (the clock reads that time
 * while the task runs). {@link #sleep(Duration)} advances the clock instead of blocking, so code
 * that backs off or waits runs instantly and deterministically in tests.
 *
 * <p>Thread-safe: reads are lock-free, advancing and scheduling are serialised.
 */
public final class ManualClock implements Clock {

    private volatile long wallMillisAtOrigin;
    private volatile long nanos;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final Scheduler scheduler = new ManualScheduler();
    private long sequence;
    private boolean advancing;

    private ManualClock(Instant start) {
        this.wallMillisAtOrigin = start.toEpochMilli();
    }

    /** A clock at 2026-01-01T00:00:00Z. */
    public static ManualClock create() {
        return at(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A clock whose wall time starts at {@code start}; monotonic time starts at 0. */
    public static ManualClock at(Instant start) {
        return new ManualClock(start);
    }

    @Override
    public long wallMillis() {
        return wallMillisAtOrigin + nanos / 1_000_000L;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(wallMillisAtOrigin).plusNanos(nanos);
    }

    @Override
    public long monotonicNanos() {
        return nanos;
    }

    /** Advances the clock by {@code duration}; never blocks. */
    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }

    /**
     * Moves time forward by {@code duration}, running every task that falls due on the way, in
     * order of due time. A task scheduled by a running task runs in the same call if it falls due
     * before the end.
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public ManualClock advance(Duration duration) {
        Durations.requireNonNegative(duration, "duration");
        long target;
        synchronized (this) {
            target = Math.addExact(nanos, duration.toNanos());
            if (advancing) {
                // A task (or a sleeping call inside one) moves time: just move it, the outer
                // advance keeps running due tasks.
                nanos = Math.max(nanos, target);
                return this;
            }
            advancing = true;
        }
        try {
            while (true) {
                Task due;
                synchronized (this) {
                    Task head = tasks.peek();
                    if (head == null || head.dueNanos > target) {
                        nanos = Math.max(nanos, target);
                        return this;
                    }
                    due = tasks.poll();
                    nanos = Math.max(nanos, due.dueNanos);
                }
                due.run();
            }
        } finally {
            synchronized (this) {
                advancing = false;
            }
        }
    }

    /** Advances by whole milliseconds; a shorthand for tests. */
    public ManualClock advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }

    /** The scheduler that runs on this clock's time. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Tasks scheduled and not yet run or cancelled. */
    public synchronized int pendingTasks() {
        return (int) tasks.stream().filter(t -> !t.isCancelled()).count();
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + ", monotonic=" + nanos + "ns]";
    }

    private synchronized Task enqueue(long dueNanos, Chain chain, Runnable action) {
        Task task = new Task(dueNanos, chain, sequence++, action);
        tasks.add(task);
        if (chain != null) {
            chain.pending = task;
        }
        return task;
    }

    private synchronized void remove(Task task) {
        tasks.remove(task);
    }

    /**
     * The runs of one periodic task: one flag and the pending run, so cancelling is constant work
     * however many runs came before, and past runs are not kept reachable.
     */
    private static final class Chain {
        final long periodNanos;
        volatile boolean cancelled;
        volatile Task pending;

        Chain(long periodNanos) {
            this.periodNanos = periodNanos;
        }
    }

    private final class Task implements Comparable<Task>, Cancellable {
        final long dueNanos;
        final Chain chain;
        final long order;
        final Runnable action;
        volatile boolean cancelled;

        Task(long dueNanos, Chain chain, long order, Runnable action) {
            this.dueNanos = dueNanos;
            this.chain = chain;
            this.order = order;
            this.action = action;
        }

        boolean isCancelled() {
            return cancelled || (chain != null && chain.cancelled);
        }

        void run() {
            if (isCancelled()) {
                return;
            }
            try {
                action.run();
            } finally {
                if (chain != null && !chain.cancelled) {
                    enqueue(dueNanos + chain.periodNanos, chain, action);
                }
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            remove(this);
        }

    @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(dueNanos, other.dueNanos);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final class ManualScheduler implements Scheduler {
        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            Durations.requireNonNegative(delay, "delay");
            return enqueue(nanos + delay.toNanos(), null, task);
        }

        @Override
        public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
            Durations.requireNonNegative(initialDelay, "initialDelay");
            Durations.requirePositive(period, "period");
            Chain chain = new Chain(period.toNanos());
            enqueue(nanos + initialDelay.toNanos(), chain, task);
            return () -> {
                chain.cancelled = true;
                Task pending = chain.pending;
                if (pending != null) {
                    remove(pending);
                }
            };
        }

        @Override
        public Clock clock() {
            return ManualClock.this;
        }
    }
}
