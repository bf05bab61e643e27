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
     * {@code value} as configuration files write it: a whole number of the largest unit that holds it
     * exactly ({@code 7d}, {@code 2h}, {@code 90s}, {@code 250ms}, {@code 0s}), else ISO-8601
     * ({@code PT0.0000005S}).
     *
     * @throws NullPointerException if {@code value} is null
     */
    public static String text(Duration value) {
        Objects.requireNonNull(value, "value");
        if (value.isZero()) {
            return "0s";
        }
        if (value.isNegative() || value.getNano() % 1_000_000 != 0) {
            return value.toString();
        }
        long millis = value.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (millis % units[i] == 0) {
                return millis / units[i] + names[i];
            }
        }
        return value.toString();
    }

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
