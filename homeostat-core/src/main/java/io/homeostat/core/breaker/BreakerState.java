package io.homeostat.core.breaker;

import java.time.Instant;
import java.util.Objects;

/**
 * A breaker's state as plain data, to persist it or share it with breakers of the same name in
 * other JVMs ({@link CircuitBreaker#exportState()}, {@link CircuitBreaker#importState}). Times
 * are wall-clock instants, because monotonic time means nothing outside one JVM. Immutable.
 *
 * <p>No field is ever null. Times that do not apply are {@link #NO_TIME}: {@code openedAt} and
 * {@code nextRetryAt} are set only in the OPEN state.
 *
 * @param name the breaker's name
 * @param state its state
 * @param window the window counts: the live window when CLOSED, the trial calls when HALF_OPEN,
 *     the window that opened it otherwise
 * @param consecutiveTrips how many times it opened without closing in between (0 when CLOSED)
 * @param openedAt when it last opened, or {@link #NO_TIME}
 * @param nextRetryAt when an OPEN breaker admits trial calls, or {@link #NO_TIME}
 * @param lastTransitionReason why it entered its state, in words
 */
public record BreakerState(
        String name,
        CircuitState state,
        WindowSnapshot window,
        int consecutiveTrips,
        Instant openedAt,
        Instant nextRetryAt,
        String lastTransitionReason) {

    /** The sentinel for "no time": the epoch. */
    public static final Instant NO_TIME = Instant.EPOCH;

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if a field is null
     * @throws IllegalArgumentException if the name is blank, the trip count negative, an OPEN
     *     state lacks its times or retries before it opened
     */
    public BreakerState {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(nextRetryAt, "nextRetryAt");
        Objects.requireNonNull(lastTransitionReason, "lastTransitionReason");
        if (consecutiveTrips < 0) {
            throw new IllegalArgumentException("consecutiveTrips must not be negative, was " + consecutiveTrips);
        }
        if (state == CircuitState.OPEN) {
            if (openedAt.equals(NO_TIME) || nextRetryAt.equals(NO_TIME)) {
                throw new IllegalArgumentException("an OPEN state needs openedAt and nextRetryAt");
            }
            if (nextRetryAt.isBefore(openedAt)) {
                throw new IllegalArgumentException(
                        "nextRetryAt (" + nextRetryAt + ") must not be before openedAt (" + openedAt + ")");
            }
        }
    }
}
