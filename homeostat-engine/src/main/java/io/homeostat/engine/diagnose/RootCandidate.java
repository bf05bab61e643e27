package io.homeostat.engine.diagnose;

import java.time.Instant;
import java.util.Objects;

/**
 * One failing service of an incident, ranked as the place the trouble started. Immutable and thread-safe.
 *
 * @param service the service
 * @param failingSince when its failure started: its earliest fact of trouble in the current
 *     episode, or its earliest detection
 * @param failingDependents how many of the incident's other failing services depend on it,
 *     directly or transitively
 * @param score in [0, 1]: {@code 0.6 x} the share of the other failing services that depend on it
 *     {@code + 0.4 x} how early it started (1 for the first, 0 for the last)
 * @param reason in words, e.g. {@code failing since 14:00:03Z, first; 2 of 2 other failing services depend on it}
 */
public record RootCandidate(String service, Instant failingSince, int failingDependents, double score, String reason) {

    /** @throws IllegalArgumentException if the score is outside [0, 1] or the count negative */
    public RootCandidate {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(failingSince, "failingSince");
        Objects.requireNonNull(reason, "reason");
        Confidence.require(score, "score");
        if (failingDependents < 0) {
            throw new IllegalArgumentException("failingDependents must not be negative, was " + failingDependents);
        }
    }
}
