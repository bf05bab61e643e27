package io.homeostat.engine.incident;

import io.homeostat.engine.detect.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One problem as people see it: the detections that share a fingerprint, and those correlated
 * with them across the dependency graph, with a lifecycle. Immutable and thread-safe; a change
 * makes a new value ({@link #toBuilder()}). Two incidents are equal when every field is; the
 * order of {@link #services()} and {@link #fingerprints()} does not count.
 *
 * <p>The timeline (what happened to it) is kept apart, in
 * {@link io.homeostat.engine.port.IncidentStore#timeline(String)}.
 */
public final class Incident {

    private final String id;
    private final String fingerprint;
    private final Set<String> fingerprints;
    private final String title;
    private final Set<String> services;
    private final Severity severity;
    private final IncidentStatus status;
    private final boolean flapping;
    private final Instant openedAt;
    private final Instant updatedAt;
    private final Instant resolvedAt;
    private final long detectionCount;

    private Incident(IncidentBuilder b) {
        this.id = requireText(b.id, "id");
        this.fingerprint = requireText(b.fingerprint, "fingerprint");
        LinkedHashSet<String> prints = new LinkedHashSet<>();
        prints.add(fingerprint);
        b.fingerprints.forEach(f -> prints.add(requireText(f, "fingerprints")));
        this.fingerprints = Collections.unmodifiableSet(prints);
        this.title = requireText(b.title, "title");
        LinkedHashSet<String> names = new LinkedHashSet<>();
        b.services.forEach(s -> names.add(requireText(s, "services")));
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an incident needs at least one service");
        }
        this.services = Collections.unmodifiableSet(names);
        this.severity = Objects.requireNonNull(b.severity, "severity");
        this.status = Objects.requireNonNull(b.status, "status");
        this.flapping = b.flapping;
        this.openedAt = Objects.requireNonNull(b.openedAt, "openedAt");
        this.updatedAt = b.updatedAt == null ? openedAt : b.updatedAt;
        if (updatedAt.isBefore(openedAt)) {
            throw new IllegalArgumentException("updatedAt " + updatedAt + " is before openedAt " + openedAt);
        }
        if ((status == IncidentStatus.RESOLVED) != (b.resolvedAt != null)) {
            throw new IllegalArgumentException("resolvedAt must be set exactly when the status is RESOLVED");
        }
        this.resolvedAt = b.resolvedAt;
        if (b.detectionCount < 0) {
            throw new IllegalArgumentException("detectionCount must not be negative, was " + b.detectionCount);
        }
        this.detectionCount = b.detectionCount;
    }

    /**
     * A builder for a new incident; {@code id}, {@code fingerprint}, {@code title}, at least one
     * service, {@code severity} and {@code openedAt} must be set. Defaults: status
     * {@link IncidentStatus#OPEN}, not flapping, {@code updatedAt = openedAt}, no detections.
     */
    public static IncidentBuilder builder() {
        return new IncidentBuilder();
    }

    /** A builder holding every field of this incident. */
    public IncidentBuilder toBuilder() {
        IncidentBuilder builder = new IncidentBuilder().id(id).fingerprint(fingerprint).fingerprints(fingerprints)
                .title(title).services(services).severity(severity).status(status).flapping(flapping)
                .openedAt(openedAt).updatedAt(updatedAt).detectionCount(detectionCount);
        builder.resolvedAt = resolvedAt;
        return builder;
    }

    static Incident of(IncidentBuilder builder) {
        return new Incident(builder);
    }

    /** Unique among all incidents. */
    public String id() {
        return id;
    }

    /** The fingerprint of the detection that opened it ({@code service|category|signature}). */
    public String fingerprint() {
        return fingerprint;
    }

    /** Every fingerprint that joined it, {@link #fingerprint()} first; never empty. */
    public Set<String> fingerprints() {
        return fingerprints;
    }

    /** One line for people, from the detection that opened it. */
    public String title() {
        return title;
    }

    /** The services its detections are about, the opening one first; never empty. */
    public Set<String> services() {
        return services;
    }

    /** The highest severity of its detections. */
    public Severity severity() {
        return severity;
    }

    /** Where it is in its lifecycle. */
    public IncidentStatus status() {
        return status;
    }

    /** True once it opened and resolved too often in the flap window; it then stays open longer. */
    public boolean flapping() {
        return flapping;
    }

    /** When it opened. */
    public Instant openedAt() {
        return openedAt;
    }

    /** When it last changed (a detection joined, its status moved); never before {@link #openedAt()}. */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** When it was resolved; present exactly when the status is {@link IncidentStatus#RESOLVED}. */
    public Optional<Instant> resolvedAt() {
        return Optional.ofNullable(resolvedAt);
    }

    /** How many detections joined it, the opening one included. */
    public long detectionCount() {
        return detectionCount;
    }

    /** True unless it is resolved. */
    public boolean active() {
        return status.active();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Incident that
                && id.equals(that.id) && fingerprint.equals(that.fingerprint)
                && fingerprints.equals(that.fingerprints) && title.equals(that.title)
                && services.equals(that.services) && severity == that.severity && status == that.status
                && flapping == that.flapping && openedAt.equals(that.openedAt) && updatedAt.equals(that.updatedAt)
                && Objects.equals(resolvedAt, that.resolvedAt) && detectionCount == that.detectionCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, fingerprint, status, updatedAt, detectionCount);
    }

    @Override
    public String toString() {
        return "Incident[" + id + ", " + status + (flapping ? " flapping" : "") + ", " + severity + ", " + title
                + ", services=" + services + ", fingerprints=" + fingerprints + ", opened=" + openedAt
                + ", updated=" + updatedAt + (resolvedAt == null ? "" : ", resolved=" + resolvedAt)
                + ", detections=" + detectionCount + "]";
    }

    private static String requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }
}
