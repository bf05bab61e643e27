package io.homeostat.core.signal;

import io.homeostat.core.classify.ErrorCategory;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one guarded call ended.
 *
 * @param service the guard's name
 * @param status how the call ended
 * @param category the failure category; {@code null} only for {@link Status#SUCCESS}
 * @param latencyNanos how long the call took, including retries and fallback
 * @param fallbackTier the tier that served, for {@link Status#FALLBACK}; otherwise {@code null}
 */
public record OperationOutcome(
        String service,
        Status status,
        ErrorCategory category,
        long latencyNanos,
        String fallbackTier,
        Instant time,
        Map<String, String> tags) implements Signal {

    /** How a guarded call ended. */
    public enum Status {
        SUCCESS,
        FAILURE,
        TIMEOUT,
        REJECTED,
        FALLBACK
    }

    public OperationOutcome {
        Signals.requireName(service, "service");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(time, "time");
        if (status != Status.SUCCESS && category == null) {
            throw new IllegalArgumentException("a " + status + " outcome needs an error category");
        }
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must not be negative, was " + latencyNanos);
        }
        tags = Signals.tags(tags);
    }

    /** The failure category, empty for a success. */
    public Optional<ErrorCategory> errorCategory() {
        return Optional.ofNullable(category);
    }
}
