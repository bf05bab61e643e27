package io.homeostat.store.jdbc;

import io.homeostat.core.signal.FailureEvent;
import io.homeostat.engine.detect.Severity;
import java.util.Objects;

/**
 * A failure event as the store keeps it: the signal plus what the caller knows beyond it.
 * Immutable. Empty strings mean "not known"; {@code resolved} is false when first written.
 *
 * @param id unique per event; writing an id that is already stored changes nothing
 * @param event the failure signal
 * @param severity how much it matters
 * @param detectionMethod how it was noticed, e.g. {@code guard}, {@code health}, {@code log}
 * @param stackTrace the stack trace, or empty
 * @param userId the affected user, or empty
 * @param requestId the request it broke, or empty
 */
public record FailureRecord(
        String id, FailureEvent event, Severity severity, String detectionMethod, String stackTrace,
        String userId, String requestId) {

    /**
     * Validates the record.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code id} or {@code detectionMethod} is blank or {@code id}
     *     is longer than 64 characters
     */
    public FailureRecord {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 64) {
            throw new IllegalArgumentException("id must be 1 to 64 characters, was '" + id + "'");
        }
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(detectionMethod, "detectionMethod");
        if (detectionMethod.isBlank()) {
            throw new IllegalArgumentException("detectionMethod must not be blank");
        }
        Objects.requireNonNull(stackTrace, "stackTrace");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(requestId, "requestId");
    }

    /** A record of {@code event} noticed by a guard, with no stack trace, user or request. */
    public static FailureRecord of(String id, FailureEvent event, Severity severity) {
        return new FailureRecord(id, event, severity, "guard", "", "", "");
    }
}
