package io.homeostat.core.time;

/**
 * A {@link Scheduler} of its own for work that may be slow, from {@link Scheduler#dedicated}: its
 * tasks do not wait behind the tasks of the scheduler it came from, nor theirs behind its own.
 * {@link #close()} stops it. Thread-safe.
 */
public interface DedicatedScheduler extends Scheduler, AutoCloseable {

    /**
     * Stops running tasks: none starts after this returns, and a task running now is waited for
     * (up to 10 seconds, then interrupted) unless the caller is that task. Idempotent.
     */
    @Override
    void close();
}
