package io.homeostat.core.breaker.internal;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One state of the breaker as a small object, replaced whole by compare-and-set on every
 * transition. The fields are final; the mutable counters inside belong to that one phase and die
 * with it. Each phase knows why and when it was entered and how many trips in a row led to it.
 */
abstract sealed class Phase {

    final CircuitState kind;
    final int trips;
    final String reason;
    /** When the breaker entered this phase, on its clock's monotonic time. */
    final long enteredAtNanos;

    private Phase(CircuitState kind, int trips, String reason, long enteredAtNanos) {
        this.kind = kind;
        this.trips = trips;
        this.reason = reason;
        this.enteredAtNanos = enteredAtNanos;
    }

    /** Calls flow and are recorded; a failure or slow call may trip it. */
    static final class Closed extends Phase {
        final Window window;
        final AtomicInteger consecutiveFailures = new AtomicInteger();

        Closed(Window window, String reason, long enteredAtNanos) {
            super(CircuitState.CLOSED, 0, reason, enteredAtNanos);
            this.window = window;
        }

        /**
         * Records an outcome; returns true if it was a failure (the caller then checks whether
         * the breaker trips). Writes the failure run on success only when there is one.
         */
        boolean record(long nowNanos, boolean failure, boolean slow) {
            window.record(nowNanos, Window.code(failure, slow));
            if (failure) {
                consecutiveFailures.incrementAndGet();
                return true;
            }
            if (consecutiveFailures.get() != 0) {
                consecutiveFailures.set(0);
            }
            return false;
        }

        WindowSnapshot snapshot(long nowNanos) {
            return window.snapshot(nowNanos, consecutiveFailures.get());
        }
    }

    /** Calls are rejected until {@code retryAtNanos}. */
    static final class Open extends Phase {
        final long openedAtNanos;
        final long retryAtNanos;
        final WindowSnapshot cause;

        Open(int trips, long openedAtNanos, long retryAtNanos, WindowSnapshot cause, String reason) {
            super(CircuitState.OPEN, trips, reason, openedAtNanos);
            this.openedAtNanos = openedAtNanos;
            this.retryAtNanos = retryAtNanos;
            this.cause = cause;
        }
    }

    /** A fixed number of trial calls may go ahead; all must succeed. */
    static final class HalfOpen extends Phase {
        final int trials;
        final AtomicInteger permits;
        final AtomicInteger successes = new AtomicInteger();

        HalfOpen(int trips, int trials, String reason, long enteredAtNanos) {
            super(CircuitState.HALF_OPEN, trips, reason, enteredAtNanos);
            this.trials = trials;
            this.permits = new AtomicInteger(trials);
        }

        /** Takes one trial permit if any is left. */
        boolean tryTakePermit() {
            for (int left = permits.get(); left > 0; left = permits.get()) {
                if (permits.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
            return false;
        }

        /** Gives a permit back, unless that would admit more trials than are still undecided. */
        void returnPermit() {
            for (int left = permits.get(); left + successes.get() < trials; left = permits.get()) {
                if (permits.compareAndSet(left, left + 1)) {
                    return;
                }
            }
        }

        WindowSnapshot snapshot(int failures) {
            int succeeded = Math.min(successes.get(), trials);
            return new WindowSnapshot(succeeded + failures, failures, 0, failures);
        }
    }

    /** Rejects everything until reset. */
    static final class ForcedOpen extends Phase {
        final WindowSnapshot cause;

        ForcedOpen(int trips, WindowSnapshot cause, String reason, long enteredAtNanos) {
            super(CircuitState.FORCED_OPEN, trips, reason, enteredAtNanos);
            this.cause = cause;
        }
    }

    /** Admits everything, records nothing, until reset. */
    static final class Disabled extends Phase {
        final WindowSnapshot cause;

        Disabled(int trips, WindowSnapshot cause, String reason, long enteredAtNanos) {
            super(CircuitState.DISABLED, trips, reason, enteredAtNanos);
            this.cause = cause;
        }
    }
}
