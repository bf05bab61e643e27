package io.homeostat.core.signal;

import io.homeostat.core.classify.ErrorCategory;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A failure worth diagnosing, with what is known about it.
 *
 * @param errorType the exception class name, or a type such as {@code http.503}
 * @param message the error message, possibly empty
 */
public record FailureEvent(
        String service,
        ErrorCategory category,
        String errorType,
        String message,
        Instant time,
        Map<String, String> tags) implements Signal {

    public FailureEvent {
        Signals.requireName(service, "service");
        Objects.requireNonNull(category, "category");
        Signals.requireName(errorType, "errorType");
        message = message == null ? "" : message;
        Objects.requireNonNull(time, "time");
        tags = Signals.tags(tags);
    }
}
