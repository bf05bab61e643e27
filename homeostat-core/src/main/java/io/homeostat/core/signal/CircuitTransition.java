package io.homeostat.core.signal;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A circuit breaker changed state.
 *
 * @param reason why, in words, e.g. {@code failure rate 62.0% >= 50.0% over 20 calls}
 * @param window the window that caused it
 */
public record CircuitTransition(
        String service,
        CircuitState from,
        CircuitState to,
        String reason,
        WindowSnapshot window,
        Instant time,
        Map<String, String> tags) implements Signal {

    public CircuitTransition {
        Signals.requireName(service, "service");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(time, "time");
        tags = Signals.tags(tags);
    }
}
