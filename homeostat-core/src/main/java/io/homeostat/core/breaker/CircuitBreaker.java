package io.homeostat.core.breaker;

import io.homeostat.core.time.Clock;
import java.time.Instant;

/**
 * Stops calls to a dependency that is failing, and lets a few trial calls through after a wait to
 * see whether it has recovered.
 *
 * <p>The {@code Guard} drives a breaker through three allocation-free calls per guarded call:
 * {@link #tryAcquirePermission(long)}, then exactly one of {@link #onResult}, {@link #onError} or
 * {@link #releasePermission()}. Operators use {@link #forceOpen(String)},
 * {@link #disable(String)} and {@link #reset(String)}. Every change of state is published as a
 * {@link io.homeostat.core.signal.CircuitTransition} carrying its reason and the window behind it.
 *
 * <p>Outcomes are attributed to the state the breaker is in when they are reported: a call
 * admitted while CLOSED that ends while HALF_OPEN counts as a trial call.
 *
 * <p>Implementations are thread-safe and lock-free on the call path.
 */
public interface CircuitBreaker {

    /** The duration of a successful call the caller did not time, see {@link #onResult}. */
    long UNTIMED = -1L;

    /**
     * A builder for a breaker named {@code name}: default configuration, system clock, no
     * listeners.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    static CircuitBreakerBuilder builder(String name) {
        return new CircuitBreakerBuilder(name);
    }

    /**
     * A breaker with {@link CircuitBreakerConfig#defaults()} on the system clock.
     *
     * @throws IllegalArgumentException if {@code name} is blank
     */
    static CircuitBreaker ofDefaults(String name) {
        return builder(name).clock(Clock.system()).build();
    }

    /** The breaker's name, usually the guard's. */
    String name();

    /** The current state. */
    CircuitState state();

    /**
     * Asks to make a call. CLOSED and DISABLED always admit; OPEN admits nothing until the open
     * wait has passed (then the breaker becomes HALF_OPEN); HALF_OPEN admits exactly the
     * configured number of trial calls. Never throws; allocates only when it makes a transition.
     *
     * @param nowNanos the monotonic time of the breaker's clock, read once by the caller
     * @return true if the call may go ahead; the caller must then report its end
     */
    boolean tryAcquirePermission(long nowNanos);

    /**
     * Reports a call that returned {@code result} after {@code durationNanos}. The result
     * predicate of the configuration decides whether it counts as a failure.
     *
     * @param nowNanos the monotonic time the call ended, or started if it was not timed
     * @param durationNanos how long it took, or {@link #UNTIMED} if the caller did not time it,
     *     which a caller may do only while the slow-call check is off
     *     ({@link CircuitBreakerConfig#slowCallCheckEnabled()}); an untimed call is not slow
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

    /** The configuration it runs with. */
    CircuitBreakerConfig config();

    /**
     * The evidence it holds now: the live window when CLOSED (read on this breaker's clock), the
     * trial calls so far when HALF_OPEN, the window that caused the transition otherwise.
     */
    WindowSnapshot snapshot();

    /** Calls rejected so far (OPEN, FORCED_OPEN, or HALF_OPEN with every trial taken). */
    long rejectedCalls();

    /** Transition listeners that threw so far; they were caught and the breaker carried on. */
    long listenerFailures();

    /**
     * Opens the breaker until {@link #reset(String)}, whatever the window says; emits a
     * transition with reason {@code forced open by operator: <reason>}.
     *
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    void forceOpen(String reason);

    /**
     * Lets every call through and records nothing until {@link #reset(String)}; emits a
     * transition with reason {@code disabled by operator: <reason>}.
     *
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    void disable(String reason);

    /**
     * Closes the breaker with an empty window and no trip history; emits a transition with reason
     * {@code reset by operator: <reason>}.
     *
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    void reset(String reason);

    /**
     * When it entered its current state, in wall time on its clock: the last transition (a trip,
     * a trial, {@link #forceOpen}, {@link #disable}, {@link #reset}, {@link #importState}), or its
     * creation if it never changed state. Unlike {@link BreakerState#openedAt()}, set in every state.
     */
    Instant lastTransitionAt();

    /** Its state as data, with wall-clock times, for persistence or sharing. */
    BreakerState exportState();

    /**
     * Takes over a state exported by a breaker of the same name, here or in another JVM, and
     * emits a transition with reason {@code state imported: <its reason>}. Wall times become this
     * breaker's monotonic times through its clock: an OPEN state whose retry time is still ahead
     * stays OPEN until then; one whose retry time has passed admits trial calls on the next call.
     * A HALF_OPEN state starts its trials afresh. Window counts larger than a count-based window
     * are scaled down to its size, keeping the rates; a time-based window puts them in the
     * current second.
     *
     * @throws IllegalArgumentException if {@code state} has another name
     */
    void importState(BreakerState state);
}
