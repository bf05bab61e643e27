package io.homeostat.core.retry;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * How long to wait before the next attempt, before jitter: fixed, linear or exponential, each
 * capped. Immutable, hence thread-safe; {@link #delayNanos(int)} is allocation-free.
 */
public sealed interface Backoff permits Backoff.Fixed, Backoff.Linear, Backoff.Exponential {

    /**
     * The wait after attempt {@code failedAttempt} (1-based) failed.
     *
     * @throws IllegalArgumentException if {@code failedAttempt} is less than 1
     */
    long delayNanos(int failedAttempt);

    /**
     * The same wait after every attempt.
     *
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    static Backoff fixed(Duration delay) {
        return new Fixed(delay);
    }

    /**
     * {@code initial}, then {@code increment} more after each attempt, never more than {@code cap}.
     *
     * @throws IllegalArgumentException if a duration is negative or {@code cap < initial}
     */
    static Backoff linear(Duration initial, Duration increment, Duration cap) {
        return new Linear(initial, increment, cap);
    }

    /** The default backoff: 1 s, doubling after each attempt, never more than 30 s. */
    static Backoff exponential() {
        return new Exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));
    }

    /**
     * {@code base}, multiplied by {@code factor} after each attempt, never more than {@code cap}.
     *
     * @throws IllegalArgumentException if {@code base} is not positive, {@code factor} is not a
     *     finite number of at least 1, or {@code cap < base}
     */
    static Backoff exponential(Duration base, double factor, Duration cap) {
        return new Exponential(base, factor, cap);
    }

    private static void requireAttempt(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failedAttempt must be at least 1, was " + failedAttempt);
        }
    }

    private static void requireCap(Duration cap, Duration floor, String floorName) {
        if (cap.compareTo(floor) < 0) {
            throw new IllegalArgumentException("cap must be at least " + floorName + " (" + floor + "), was " + cap);
        }
    }

    /** {@code delay} after every attempt. */
    record Fixed(Duration delay) implements Backoff {
        /** @throws IllegalArgumentException if {@code delay} is negative */
        public Fixed {
            Durations.requireNonNegative(delay, "delay");
        }

        @Override
        public long delayNanos(int failedAttempt) {
            requireAttempt(failedAttempt);
            return delay.toNanos();
        }
    }

    /** {@code initial + (failedAttempt - 1) * increment}, at most {@code cap}. */
    record Linear(Duration initial, Duration increment, Duration cap) implements Backoff {
        /** @throws IllegalArgumentException if a duration is negative or {@code cap < initial} */
        public Linear {
            Durations.requireNonNegative(initial, "initial");
            Durations.requireNonNegative(increment, "increment");
            Durations.requireNonNegative(cap, "cap");
            requireCap(cap, initial, "initial");
        }

        @Override
        public long delayNanos(int failedAttempt) {
            requireAttempt(failedAttempt);
            long capNanos = cap.toNanos();
            double delay = initial.toNanos() + (failedAttempt - 1.0) * increment.toNanos();
            return delay >= capNanos ? capNanos : (long) delay;
        }
    }

    /** {@code base * factor^(failedAttempt - 1)}, at most {@code cap}. */
    record Exponential(Duration base, double factor, Duration cap) implements Backoff {
        /**
         * @throws IllegalArgumentException if {@code base} is not positive, {@code factor} is not
         *     a finite number of at least 1, or {@code cap < base}
         */
        public Exponential {
            Durations.requirePositive(base, "base");
            if (!(factor >= 1.0 && factor < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("factor must be a finite number of at least 1, was " + factor);
            }
            Durations.requireNonNegative(cap, "cap");
            requireCap(cap, base, "base");
        }

        @Override
        public long delayNanos(int failedAttempt) {
            requireAttempt(failedAttempt);
            long capNanos = cap.toNanos();
            double delay = base.toNanos() * Math.pow(factor, failedAttempt - 1.0);
            return delay >= capNanos ? capNanos : (long) delay;
        }
    }
}
