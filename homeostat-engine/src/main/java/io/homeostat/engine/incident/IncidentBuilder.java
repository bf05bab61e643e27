package io.homeostat.engine.incident;

import io.homeostat.engine.detect.Severity;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Builds an {@link Incident}; from {@link Incident#builder()} or {@link Incident#toBuilder()}.
 * Not thread-safe. Values are checked by {@link #build()}.
 */
public final class IncidentBuilder {

    String id;
    String fingerprint;
    final Set<String> fingerprints = new LinkedHashSet<>();
    String title;
    final Set<String> services = new LinkedHashSet<>();
    Severity severity;
    IncidentStatus status = IncidentStatus.OPEN;
    boolean flapping;
    Instant openedAt;
    Instant updatedAt;
    Instant resolvedAt;
    long detectionCount;

    IncidentBuilder() {}

    /** Sets {@link Incident#id()}. */
    public IncidentBuilder id(String id) {
        this.id = id;
        return this;
    }

    /** Sets {@link Incident#fingerprint()}; it is always among {@link Incident#fingerprints()}. */
    public IncidentBuilder fingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
        return this;
    }

    /** Replaces the extra fingerprints ({@link #fingerprint(String)} is added by {@link #build()}). */
    public IncidentBuilder fingerprints(Collection<String> fingerprints) {
        this.fingerprints.clear();
        fingerprints.forEach(f -> this.fingerprints.add(Objects.requireNonNull(f, "fingerprint")));
        return this;
    }

    /** Adds one fingerprint. */
    public IncidentBuilder addFingerprint(String fingerprint) {
        this.fingerprints.add(Objects.requireNonNull(fingerprint, "fingerprint"));
        return this;
    }

    /** Sets {@link Incident#title()}. */
    public IncidentBuilder title(String title) {
        this.title = title;
        return this;
    }

    /** Replaces {@link Incident#services()}. */
    public IncidentBuilder services(Collection<String> services) {
        this.services.clear();
        services.forEach(s -> this.services.add(Objects.requireNonNull(s, "service")));
        return this;
    }

    /** Adds one service. */
    public IncidentBuilder addService(String service) {
        this.services.add(Objects.requireNonNull(service, "service"));
        return this;
    }

    /** Sets {@link Incident#severity()}. */
    public IncidentBuilder severity(Severity severity) {
        this.severity = severity;
        return this;
    }

    /** Sets {@link Incident#status()}; default {@link IncidentStatus#OPEN}. */
    public IncidentBuilder status(IncidentStatus status) {
        this.status = status;
        return this;
    }

    /** Sets {@link Incident#flapping()}; default false. */
    public IncidentBuilder flapping(boolean flapping) {
        this.flapping = flapping;
        return this;
    }

    /** Sets {@link Incident#openedAt()}. */
    public IncidentBuilder openedAt(Instant openedAt) {
        this.openedAt = openedAt;
        return this;
    }

    /** Sets {@link Incident#updatedAt()}; default {@code openedAt}. */
    public IncidentBuilder updatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
        return this;
    }

    /** Sets {@link Incident#resolvedAt()}; unset by default (an incident not resolved). */
    public IncidentBuilder resolvedAt(Instant resolvedAt) {
        this.resolvedAt = Objects.requireNonNull(resolvedAt, "resolvedAt");
        return this;
    }

    /** Sets {@link Incident#detectionCount()}; default 0. */
    public IncidentBuilder detectionCount(long detectionCount) {
        this.detectionCount = detectionCount;
        return this;
    }

    /**
     * The incident.
     *
     * @throws NullPointerException if a required field is missing
     * @throws IllegalArgumentException if a name is blank, there is no service, {@code updatedAt}
     *     is before {@code openedAt}, {@code resolvedAt} is set without the status RESOLVED (or
     *     missing with it), or the detection count is negative
     */
    public Incident build() {
        return Incident.of(this);
    }
}
