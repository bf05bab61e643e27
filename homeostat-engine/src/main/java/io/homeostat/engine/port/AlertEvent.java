package io.homeostat.engine.port;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry in an alert's history: what happened to it, when, and who did it. The alert manager
 * appends these to the {@link AlertStore} and hands them to its audit hook. Immutable and
 * thread-safe.
 *
 * @param alertId the alert's fingerprint (for {@link Kind#ESCALATED}: the escalation's key)
 * @param kind what happened
 * @param time when (wall time of the injected clock)
 * @param actor who: a person's name, or {@code system} for the alert manager itself
 * @param incidentId the incident the alert belongs to, empty if none
 * @param labels the alert's labels
 * @param detail one line of context, e.g. the silence id, the receiver, the inhibiting service
 */
public record AlertEvent(
        String alertId,
        Kind kind,
        Instant time,
        String actor,
        String incidentId,
        Map<String, String> labels,
        String detail) {

    /** The actor for what the alert manager does by itself. */
    public static final String SYSTEM = "system";

    /** What happened to an alert. */
    public enum Kind {
        /** It started firing (or fired again after it had resolved). */
        FIRED,
        /** A silence matched it. */
        SILENCED,
        /** A critical alert upstream explains it. */
        INHIBITED,
        /** It flips between firing and resolved too often; notifications hold. */
        FLAPPING,
        /** A notification carried it to a receiver. */
        NOTIFIED,
        /** Somebody took it. */
        ACKNOWLEDGED,
        /** It was handed to an on-call level. */
        ESCALATED,
        /** It stopped firing, or somebody resolved it. */
        RESOLVED
    }

    /**
     * @throws NullPointerException if a reference is null
     * @throws IllegalArgumentException if {@code alertId} or {@code actor} is blank
     */
    public AlertEvent {
        Objects.requireNonNull(alertId, "alertId");
        if (alertId.isBlank()) {
            throw new IllegalArgumentException("alertId must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        if (actor.isBlank()) {
            throw new IllegalArgumentException("actor must not be blank");
        }
        Objects.requireNonNull(incidentId, "incidentId");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(detail, "detail");
    }

    /** The incident, if the alert belongs to one. */
    public Optional<String> incident() {
        return incidentId.isEmpty() ? Optional.empty() : Optional.of(incidentId);
    }
}
