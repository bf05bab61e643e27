package io.homeostat.core.breaker;

/**
 * Stops calls to a dependency that is failing, and lets a few trial calls through after a wait to
 * see whether it has recovered.
 *
 * <p>The {@code Guard} drives a breaker through three allocation-free calls per guarded call:
 * {@link #tryAcquirePermission(long)}, then exactly one of {@link #onResult}, {@link #onError} or
 * {@link #releasePermission()}. Operators use {@link #forceOpen()}, {@link #disable()} and
 * {@link #reset()}.
 *
 * <p>Implementations are thread-safe and lock-free on the call path.
 */
public interface CircuitBreaker {

    /** The breaker's name, usually the guard's. */
    String name();

    /** The current state. */
    CircuitState state();

    /**
     * Asks to make a call. CLOSED and DISABLED always admit; OPEN admits nothing until the open
     * wait has passed (then the breaker becomes HALF_OPEN); HALF_OPEN admits exactly the
     * configured number of trial calls. Never throws, never allocates.
     *
     * @param nowNanos the monotonic time of the breaker's clock, read once by the caller
     * @return true if the call may go ahead; the caller must then report its end
     */
    boolean tryAcquirePermission(long nowNanos);

    /**
     * Reports a call that returned {@code result} after {@code durationNanos}. The result
     * predicate of the configuration decides whether it counts as a failure.
     *
     * @param nowNanos the monotonic time the call ended
     */
    void onResult(long nowNanos, long durationNanos, Object result);

    /**
     * Reports a call that threw {@code error} after {@code durationNanos}. The record/ignore
     * predicates decide whether it counts as a failure or is ignored.
     *
     * @param nowNanos the monotonic time the call ended
     */
    void onError(long nowNanos, long durationNanos, Throwable error);

    /** Gives back a permission whose call was never made (e.g. a full bulkhead rejected it). */
    void releasePermission();
}
