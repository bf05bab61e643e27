package io.homeostat.core.time;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks for durations, shared by every config record of the kernel and the engine. Both
 * refuse durations longer than {@link #LONGEST} (about 146 years): kernel code adds durations in
 * nanoseconds to the monotonic time, which a longer one would overflow, turning "centuries" into
 * an {@link ArithmeticException} at the first call or a time already past.
 */
public final class Durations {

    /** The longest duration a setting takes: half the nanoseconds a {@code long} holds, about 146 years. */
    public static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE / 2);

    private Durations() {}

    /**
     * Returns {@code value} if it is zero or positive, and at most {@link #LONGEST}.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is negative or longer than {@link #LONGEST}
     */
    public static Duration requireNonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return requireAtMostLongest(value, name);
    }

    /**
     * Returns {@code value} if it is positive, and at most {@link #LONGEST}.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is zero, negative or longer than {@link #LONGEST}
     */
    public static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return requireAtMostLongest(value, name);
    }

    private static Duration requireAtMostLongest(Duration value, String name) {
        if (value.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + LONGEST.toDays()
                    + " days (about 146 years), was " + value);
        }
        return value;
    }
}
