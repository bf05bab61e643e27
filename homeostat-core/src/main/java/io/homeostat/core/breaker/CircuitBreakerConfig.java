package io.homeostat.core.breaker;

import io.homeostat.core.time.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How a {@link CircuitBreaker} decides to open, how long it stays open, and how it probes.
 * Immutable and thread-safe; built with {@link #builder()}, validated on construction (bad values
 * are rejected with a message naming the field, never clamped).
 *
 * <p>The breaker opens when any enabled check trips: the failure rate or the slow-call rate of
 * the sliding window (once it holds at least {@code minimumNumberOfCalls}), or a run of
 * consecutive failures.
 *
 * @param failureRateThreshold failed share of the window, in percent, at or above which the
 *     breaker opens; default 50; 0 turns the check off
 * @param slowCallRateThreshold slow share of the window, in percent, at or above which the
 *     breaker opens; default 0 (off: a slow-call rule needs a {@code slowCallDuration} chosen for
 *     the dependency). While it is off a guard need not time every call, and reports the
 *     successes it did not time as not slow; while it is on, every call is timed
 * @param slowCallDuration a call at least this long is slow; default 60 s
 * @param minimumNumberOfCalls calls the window must hold before the rate checks apply; default 10
 * @param slidingWindowType count- or time-based window; default {@code COUNT_BASED}
 * @param slidingWindowSize calls (count-based, at most 1,000,000) or seconds (time-based, at most
 *     3600) the window holds; default 100
 * @param consecutiveFailureThreshold failures in a row that open the breaker whatever the window
 *     says; default 0 (off). See {@link #consecutiveFailures(int)} for the simple mode
 * @param successThreshold trial calls admitted in HALF_OPEN; all must succeed to close, one
 *     failure reopens; default 2
 * @param resetTimeout how long the breaker stays OPEN after its first trip before it admits trial
 *     calls; default 60 s
 * @param openBackoffMultiplier factor by which the open wait grows with each consecutive trip
 *     (a failed half-open probe); default 1.0 (constant wait)
 * @param maxResetTimeout the cap of the growing open wait; default 30 min, or
 *     {@code resetTimeout} when that is longer
 * @param recordException which errors count as failures; default: all. Errors it rejects count
 *     as successes
 * @param ignoreException which errors count as nothing at all (checked first; the permission is
 *     given back); default: none
 * @param recordResult which returned results count as failures; default: none
 */
public record CircuitBreakerConfig(
        float failureRateThreshold,
        float slowCallRateThreshold,
        Duration slowCallDuration,
        int minimumNumberOfCalls,
        SlidingWindowType slidingWindowType,
        int slidingWindowSize,
        int consecutiveFailureThreshold,
        int successThreshold,
        Duration resetTimeout,
        double openBackoffMultiplier,
        Duration maxResetTimeout,
        Predicate<Throwable> recordException,
        Predicate<Throwable> ignoreException,
        Predicate<Object> recordResult) {

    /** The largest count-based window. */
    public static final int MAX_COUNT_WINDOW = 1_000_000;
    /** The largest time-based window, in seconds. */
    public static final int MAX_TIME_WINDOW_SECONDS = 3600;

    private static final CircuitBreakerConfig DEFAULTS = builder().build();

    /**
     * Validates every field.
     *
     * @throws NullPointerException if a field is null
     * @throws IllegalArgumentException naming the field, if a value is out of range
     */
    public CircuitBreakerConfig {
        requirePercent(failureRateThreshold, "failureRateThreshold");
        requirePercent(slowCallRateThreshold, "slowCallRateThreshold");
        Durations.requirePositive(slowCallDuration, "slowCallDuration");
        requireAtLeast(minimumNumberOfCalls, 1, "minimumNumberOfCalls");
        Objects.requireNonNull(slidingWindowType, "slidingWindowType");
        requireAtLeast(slidingWindowSize, 1, "slidingWindowSize");
        int max = slidingWindowType == SlidingWindowType.COUNT_BASED ? MAX_COUNT_WINDOW : MAX_TIME_WINDOW_SECONDS;
        if (slidingWindowSize > max) {
            throw new IllegalArgumentException("slidingWindowSize must be at most " + max + " for a "
                    + slidingWindowType + " window, was " + slidingWindowSize);
        }
        if (slidingWindowType == SlidingWindowType.COUNT_BASED && minimumNumberOfCalls > slidingWindowSize) {
            throw new IllegalArgumentException("minimumNumberOfCalls (" + minimumNumberOfCalls
                    + ") must not exceed slidingWindowSize (" + slidingWindowSize
                    + ") of a COUNT_BASED window, or the rate checks could never apply");
        }
        requireAtLeast(consecutiveFailureThreshold, 0, "consecutiveFailureThreshold");
        if (failureRateThreshold == 0 && slowCallRateThreshold == 0 && consecutiveFailureThreshold == 0) {
            throw new IllegalArgumentException("failureRateThreshold, slowCallRateThreshold and "
                    + "consecutiveFailureThreshold are all 0 (off): the breaker could never open");
        }
        requireAtLeast(successThreshold, 1, "successThreshold");
        Durations.requirePositive(resetTimeout, "resetTimeout");
        if (!(openBackoffMultiplier >= 1.0) || Double.isInfinite(openBackoffMultiplier)) {
            throw new IllegalArgumentException(
                    "openBackoffMultiplier must be a finite number >= 1.0, was " + openBackoffMultiplier);
        }
        Durations.requirePositive(maxResetTimeout, "maxResetTimeout");
        if (maxResetTimeout.compareTo(resetTimeout) < 0) {
            throw new IllegalArgumentException("maxResetTimeout (" + maxResetTimeout
                    + ") must not be shorter than resetTimeout (" + resetTimeout + ")");
        }
        Objects.requireNonNull(recordException, "recordException");
        Objects.requireNonNull(ignoreException, "ignoreException");
        Objects.requireNonNull(recordResult, "recordResult");
    }

    /** The defaults listed on each field. */
    public static CircuitBreakerConfig defaults() {
        return DEFAULTS;
    }

    /**
     * The simple mode: opens after {@code threshold} failures in a row (the classic is 5), with
     * the rate checks off; every other field at its default.
     *
     * @throws IllegalArgumentException if {@code threshold} is less than 1
     */
    public static CircuitBreakerConfig consecutiveFailures(int threshold) {
        requireAtLeast(threshold, 1, "consecutiveFailureThreshold");
        return builder().failureRateThreshold(0).slowCallRateThreshold(0)
                .consecutiveFailureThreshold(threshold).build();
    }

    /** A builder starting from the defaults. */
    public static CircuitBreakerConfigBuilder builder() {
        return new CircuitBreakerConfigBuilder();
    }

    /** A builder starting from this configuration. */
    public CircuitBreakerConfigBuilder toBuilder() {
        return new CircuitBreakerConfigBuilder(this);
    }

    /** Whether the slow-call-rate check is on. */
    public boolean slowCallCheckEnabled() {
        return slowCallRateThreshold > 0;
    }

    /**
     * How long the breaker stays OPEN after its {@code trip}-th consecutive trip:
     * {@code resetTimeout × openBackoffMultiplier^(trip-1)}, at most {@code maxResetTimeout}.
     *
     * @throws IllegalArgumentException if {@code trip} is less than 1
     */
    public Duration openWait(int trip) {
        requireAtLeast(trip, 1, "trip");
        double nanos = resetTimeout.toNanos() * Math.pow(openBackoffMultiplier, trip - 1);
        long max = maxResetTimeout.toNanos();
        return Duration.ofNanos(nanos >= max ? max : (long) nanos);
    }

    private static void requirePercent(float value, String field) {
        if (!(value >= 0f && value <= 100f)) {
            throw new IllegalArgumentException(
                    field + " must be a percentage between 0 and 100 (0 turns the check off), was " + value);
        }
    }

    private static void requireAtLeast(int value, int min, String field) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ", was " + value);
        }
    }
}
