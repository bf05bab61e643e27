package io.homeostat.core.control;

import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A child process the kernel control may restart: started from a command, restarted by a graceful
 * stop ({@link Process#destroy()}, SIGTERM on Unix), a wait of at most the drain, then a forcible
 * kill of the process and its descendants if it is still alive, then a new start. The audit line
 * names the old and new pid. {@link #close()} stops it for good. Thread-safe: restarts and
 * {@code close} are serialised by a lock (not {@code synchronized}, so virtual threads do not pin);
 * {@link #pid()} and {@link #isAlive()} do not wait for them.
 */
public final class SupervisedProcess implements Restartable, AutoCloseable {

    /** How long {@link #close()} lets the child stop gracefully before it is killed. */
    public static final Duration CLOSE_DRAIN = Duration.ofSeconds(5);

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final ProcessBuilder builder;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Process process;
    private boolean closed;

    private SupervisedProcess(ProcessBuilder builder, Clock clock) {
        this.builder = builder;
        this.clock = clock;
    }

    /**
     * Starts {@code command} (program and arguments, never a shell string) in the current
     * directory, with the parent's environment and standard streams.
     *
     * @throws IllegalArgumentException if {@code command} is empty or has a null element
     * @throws RestartFailedException if it could not start
     */
    public static SupervisedProcess start(List<String> command) {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty() || command.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("command must be a program and its arguments, was " + command);
        }
        return start(new ProcessBuilder(List.copyOf(command)).inheritIO(), Clock.system());
    }

    /**
     * Starts the command that {@code builder} describes (directory, environment, redirects as set
     * there), now and on every restart. The builder becomes this supervisor's own: do not change it
     * afterwards.
     *
     * @param clock times the stops for the audit line
     * @throws IllegalArgumentException if the builder has no command
     * @throws RestartFailedException if it could not start
     */
    public static SupervisedProcess start(ProcessBuilder builder, Clock clock) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(clock, "clock");
        if (builder.command().isEmpty()) {
            throw new IllegalArgumentException("builder has no command");
        }
        SupervisedProcess supervised = new SupervisedProcess(builder, clock);
        supervised.process = supervised.launch();
        return supervised;
    }

    /** The pid of the child now (it may have exited since). */
    public long pid() {
        return process.pid();
    }

    /** Whether the child is running now. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the child gracefully within {@code drain} (killing it after), starts it again.
     *
     * @return e.g. {@code pid 812 stopped (exit 143) in 12 ms; started pid 815}
     * @throws IllegalStateException if closed
     * @throws IllegalArgumentException if {@code drain} is negative
     * @throws RestartFailedException if the old child survived the kill or the new one could not start
     */
    @Override
    public String restart(Duration drain, String reason) {
        Durations.requireNonNegative(drain, "drain");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("supervised process " + builder.command() + " is closed");
            }
            String stopped = stop(drain);
            process = launch();
            return stopped + "; started pid " + process.pid();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the child for good: gracefully within {@link #CLOSE_DRAIN}, then killed. Idempotent.
     *
     * @throws RestartFailedException if it survived the kill
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                stop(CLOSE_DRAIN);
            }
        } finally {
            lock.unlock();
        }
    }

    private String stop(Duration drain) {
        Process old = process;
        long pid = old.pid();
        if (!old.isAlive()) {
            return "pid " + pid + " had exited (exit " + old.exitValue() + ")";
        }
        long start = clock.monotonicNanos();
        old.destroy();
        boolean graceful = waitFor(old, drain);
        if (!graceful) {
            old.descendants().forEach(ProcessHandle::destroyForcibly);
            old.destroyForcibly();
            if (!waitFor(old, KILL_WAIT)) {
                throw new RestartFailedException("pid " + pid + " of " + builder.command()
                        + " is still alive " + KILL_WAIT.toSeconds() + " s after it was killed", null);
            }
        }
        long millis = Duration.ofNanos(clock.monotonicNanos() - start).toMillis();
        return graceful ? "pid " + pid + " stopped (exit " + old.exitValue() + ") in " + millis + " ms"
                : "pid " + pid + " did not stop within " + drain.toMillis() + " ms, killed";
    }

    private boolean waitFor(Process old, Duration timeout) {
        try {
            long nanos = timeout.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : timeout.toNanos();
            return old.waitFor(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestartFailedException("interrupted stopping pid " + old.pid() + " of " + builder.command(), e);
        }
    }

    private Process launch() {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new RestartFailedException("could not start " + builder.command() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SupervisedProcess" + builder.command();
    }
}
