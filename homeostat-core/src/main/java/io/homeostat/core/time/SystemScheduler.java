package io.homeostat.core.time;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real-time scheduler: one daemon timer thread, cancelled tasks removed at once. The shared
 * instance ({@link Scheduler#system()}) runs on {@code homeostat-timer}, the guards' timeouts
 * ({@link Scheduler#deadlines()}) on {@code homeostat-deadlines}; each
 * {@linkplain #dedicated dedicated} one on a thread of its own, until closed.
 */
final class SystemScheduler implements Scheduler {

    static final SystemScheduler INSTANCE = new SystemScheduler("homeostat-timer");
    static final SystemScheduler DEADLINES = new SystemScheduler("homeostat-deadlines");

    private static final long CLOSE_WAIT_SECONDS = 10;

    private final ScheduledThreadPoolExecutor executor;
    private final AtomicLong failures = new AtomicLong();
    private volatile Thread thread;

    private SystemScheduler(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread created = new Thread(runnable, threadName);
            created.setDaemon(true);
            thread = created;
            return created;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    static void requireThreadName(String threadName) {
        Objects.requireNonNull(threadName, "threadName");
        if (threadName.isBlank()) {
            throw new IllegalArgumentException("threadName must not be blank");
        }
    }

    @Override
    public DedicatedScheduler dedicated(String threadName) {
        requireThreadName(threadName);
        return new Dedicated(new SystemScheduler(threadName));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Durations.requireNonNegative(delay, "delay");
        var future = executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        Durations.requireNonNegative(initialDelay, "initialDelay");
        Durations.requirePositive(period, "period");
        var future = executor.scheduleAtFixedRate(
                guarded(task), initialDelay.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public Clock clock() {
        return Clock.system();
    }

    /** Stops the thread, waiting for a running task unless called from it. Not for the shared instances. */
    private void shutdown() {
        executor.shutdown();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** A scheduler of its own, closable; the shared instance is never handed out as one. */
    private record Dedicated(SystemScheduler own) implements DedicatedScheduler {

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return own.schedule(delay, task);
        }

        @Override
        public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
            return own.scheduleAtFixedRate(initialDelay, period, task);
        }

        @Override
        public Clock clock() {
            return own.clock();
        }

        @Override
        public DedicatedScheduler dedicated(String threadName) {
            return own.dedicated(threadName);
        }

        @Override
        public void close() {
            own.shutdown();
        }
    }

    /** Tasks that threw; a throwing periodic task keeps its schedule. */
    long failures() {
        return failures.get();
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                failures.incrementAndGet();
            }
        };
    }
}
