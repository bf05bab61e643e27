package io.homeostat.core.breaker;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Collects the fields of a {@link CircuitBreakerConfig}, starting from the defaults; from
 * {@link CircuitBreakerConfig#builder()} or {@link CircuitBreakerConfig#toBuilder()}. Not
 * thread-safe.
 */
public final class CircuitBreakerConfigBuilder {

    private static final Predicate<Throwable> ALL_ERRORS = error -> true;
    private static final Predicate<Throwable> NO_ERRORS = error -> false;
    private static final Predicate<Object> NO_RESULTS = result -> false;

    private float failureRateThreshold = 50f;
    private float slowCallRateThreshold = 0f;
    private Duration slowCallDuration = Duration.ofSeconds(60);
    private int minimumNumberOfCalls = 10;
    private SlidingWindowType slidingWindowType = SlidingWindowType.COUNT_BASED;
    private int slidingWindowSize = 100;
    private int consecutiveFailureThreshold;
    private int successThreshold = 2;
    private Duration resetTimeout = Duration.ofSeconds(60);
    private double openBackoffMultiplier = 1.0;
    private Duration maxResetTimeout;
    private Predicate<Throwable> recordException = ALL_ERRORS;
    private Predicate<Throwable> ignoreException = NO_ERRORS;
    private Predicate<Object> recordResult = NO_RESULTS;

    CircuitBreakerConfigBuilder() {}

    CircuitBreakerConfigBuilder(CircuitBreakerConfig from) {
        failureRateThreshold = from.failureRateThreshold();
        slowCallRateThreshold = from.slowCallRateThreshold();
        slowCallDuration = from.slowCallDuration();
        minimumNumberOfCalls = from.minimumNumberOfCalls();
        slidingWindowType = from.slidingWindowType();
        slidingWindowSize = from.slidingWindowSize();
        consecutiveFailureThreshold = from.consecutiveFailureThreshold();
        successThreshold = from.successThreshold();
        resetTimeout = from.resetTimeout();
        openBackoffMultiplier = from.openBackoffMultiplier();
        maxResetTimeout = from.maxResetTimeout().equals(defaultMax(from.resetTimeout())) ? null : from.maxResetTimeout();
        recordException = from.recordException();
        ignoreException = from.ignoreException();
        recordResult = from.recordResult();
    }

    /** Percent of failed calls that opens the breaker; 0 = off. Default 50. */
    public CircuitBreakerConfigBuilder failureRateThreshold(float percent) {
        this.failureRateThreshold = percent;
        return this;
    }

    /**
     * Percent of slow calls that opens the breaker; 0 = off. Default 0 (off): a slow-call rule
     * needs a {@link #slowCallDuration} chosen for the dependency.
     */
    public CircuitBreakerConfigBuilder slowCallRateThreshold(float percent) {
        this.slowCallRateThreshold = percent;
        return this;
    }

    /** Calls at least this long are slow. Default 60 s. */
    public CircuitBreakerConfigBuilder slowCallDuration(Duration duration) {
        this.slowCallDuration = duration;
        return this;
    }

    /** Calls the window needs before the rate checks apply. Default 10. */
    public CircuitBreakerConfigBuilder minimumNumberOfCalls(int calls) {
        this.minimumNumberOfCalls = calls;
        return this;
    }

    /** Window type and size (calls or seconds). Default {@code COUNT_BASED}, 100. */
    public CircuitBreakerConfigBuilder slidingWindow(SlidingWindowType type, int size) {
        this.slidingWindowType = type;
        this.slidingWindowSize = size;
        return this;
    }

    /** Failures in a row that open the breaker; 0 = off. Default 0. */
    public CircuitBreakerConfigBuilder consecutiveFailureThreshold(int failures) {
        this.consecutiveFailureThreshold = failures;
        return this;
    }

    /** Trial calls in HALF_OPEN, all of which must succeed to close. Default 2. */
    public CircuitBreakerConfigBuilder successThreshold(int trials) {
        this.successThreshold = trials;
        return this;
    }

    /** The first open wait. Default 60 s. */
    public CircuitBreakerConfigBuilder resetTimeout(Duration wait) {
        this.resetTimeout = wait;
        return this;
    }

    /** Growth of the open wait per consecutive trip, capped by {@code maxWait}. Default 1.0. */
    public CircuitBreakerConfigBuilder openBackoff(double multiplier, Duration maxWait) {
        this.openBackoffMultiplier = multiplier;
        this.maxResetTimeout = maxWait;
        return this;
    }

    /** Which errors count as failures. Default: all. */
    public CircuitBreakerConfigBuilder recordException(Predicate<Throwable> predicate) {
        this.recordException = predicate;
        return this;
    }

    /** Which errors count as nothing. Default: none. */
    public CircuitBreakerConfigBuilder ignoreException(Predicate<Throwable> predicate) {
        this.ignoreException = predicate;
        return this;
    }

    /** Which results count as failures. Default: none. */
    public CircuitBreakerConfigBuilder recordResult(Predicate<Object> predicate) {
        this.recordResult = predicate;
        return this;
    }

    private static Duration defaultMax(Duration resetTimeout) {
        Duration cap = Duration.ofMinutes(30);
        return resetTimeout != null && resetTimeout.compareTo(cap) > 0 ? resetTimeout : cap;
    }

    /**
     * Builds and validates the configuration.
     *
     * @throws IllegalArgumentException or NullPointerException naming the bad field
     */
    public CircuitBreakerConfig build() {
        Duration max = maxResetTimeout != null ? maxResetTimeout : defaultMax(resetTimeout);
        return new CircuitBreakerConfig(failureRateThreshold, slowCallRateThreshold, slowCallDuration,
                minimumNumberOfCalls, slidingWindowType, slidingWindowSize, consecutiveFailureThreshold,
                successThreshold, resetTimeout, openBackoffMultiplier, max, recordException,
                ignoreException, recordResult);
    }
}
