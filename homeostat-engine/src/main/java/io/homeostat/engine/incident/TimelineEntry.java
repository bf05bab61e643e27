package io.homeostat.engine.incident;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened to an incident: it opened, a detection joined, a fingerprint cleared,
 * its status moved, it was marked flapping, someone added a note. Immutable and thread-safe;
 * equal when every field is.
 */
public final class TimelineEntry {

    /** What sort of thing happened. */
    public enum Type {
        /** The incident opened, with the detection that opened it. */
        OPENED,
        /** A detection with one of its fingerprints joined (dedup), or fired again after clearing. */
        DETECTION,
        /** A detection on a related service joined it (correlation across the dependency graph). */
        CORRELATED,
        /** A detector said one of its fingerprints no longer holds. */
        CLEARED,
        /** Its status moved; the evidence holds {@code from}, {@code to}, {@code by} and {@code reason}. */
        STATUS_CHANGED,
        /** It opened and resolved too often and was marked flapping. */
        FLAPPING,
        /** Anything else a later stage or a person wrote down. */
        NOTE
    }

    private final Instant time;
    private final Type type;
    private final String message;
    private final String detectionId;
    private final Map<String, String> evidence;

    private TimelineEntry(Instant time, Type type, String message, String detectionId, Map<String, String> evidence) {
        this.time = Objects.requireNonNull(time, "time");
        this.type = Objects.requireNonNull(type, "type");
        this.message = Objects.requireNonNull(message, "message");
        this.detectionId = detectionId;
        this.evidence = Map.copyOf(Objects.requireNonNull(evidence, "evidence"));
    }

    /**
     * An entry not tied to a detection.
     *
     * @throws NullPointerException if an argument, or a key or value of {@code evidence}, is null
     */
    public static TimelineEntry of(Instant time, Type type, String message, Map<String, String> evidence) {
        return new TimelineEntry(time, type, message, null, evidence);
    }

    /**
     * An entry about one detection.
     *
     * @throws NullPointerException if an argument, or a key or value of {@code evidence}, is null
     * @throws IllegalArgumentException if {@code detectionId} is blank
     */
    public static TimelineEntry ofDetection(
            Instant time, Type type, String message, String detectionId, Map<String, String> evidence) {
        Objects.requireNonNull(detectionId, "detectionId");
        if (detectionId.isBlank()) {
            throw new IllegalArgumentException("detectionId must not be blank");
        }
        return new TimelineEntry(time, type, message, detectionId, evidence);
    }

    /** When it happened. */
    public Instant time() {
        return time;
    }

    /** What sort of thing happened. */
    public Type type() {
        return type;
    }

    /** One sentence for people. */
    public String message() {
        return message;
    }

    /** The detection the entry is about, if any. */
    public Optional<String> detectionId() {
        return Optional.ofNullable(detectionId);
    }

    /** What the entry rests on (values, thresholds, who and why); possibly empty, never null. */
    public Map<String, String> evidence() {
        return evidence;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimelineEntry that && time.equals(that.time) && type == that.type
                && message.equals(that.message) && Objects.equals(detectionId, that.detectionId)
                && evidence.equals(that.evidence);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, type, message, detectionId, evidence);
    }

    @Override
    public String toString() {
        return time + " " + type + " " + message + (detectionId == null ? "" : " [" + detectionId + "]")
                + (evidence.isEmpty() ? "" : " " + evidence);
    }
}
