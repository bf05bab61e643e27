package io.homeostat.server.runtime;

import io.homeostat.core.breaker.CircuitState;
import java.time.Instant;
import java.util.Objects;

/**
 * A circuit breaker as the API shows it.
 *
 * @param name the breaker's (guard's) name
 * @param state its state now (local) or as last reported (remote)
 * @param local true for a breaker in this process, which operators can reset and force open
 * @param calls calls in its window
 * @param failures failed calls in its window
 * @param failureRate failed share of calls in its window in percent (0 when empty)
 * @param since when it entered its state (a local breaker that never changed state: when it was made);
 *     null when not known
 * @param reason why it entered its state, in words; empty when unknown
 * @param nextRetryAt when an open local breaker lets trial calls through; null when not open or
 *     not known (remote breakers, forced open)
 */
public record CircuitView(
        String name, CircuitState state, boolean local, int calls, int failures, double failureRatePercent, Instant since,
        String reason, Instant nextRetryAt) {

    public CircuitView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        since = known(since);
        nextRetryAt = known(nextRetryAt);
    }

    /** The breakers' "no time" (the epoch) as null, which the API shows as such. */
    private static Instant known(Instant time) {
        return time == null || time.equals(Instant.EPOCH) ? null : time;
    }
}
