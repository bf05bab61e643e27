package io.homeostat.engine.port;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which incidents {@link IncidentStore#list} returns. Immutable and thread-safe; each {@code with}
 * method returns a new query. An incident matches when every filter set matches it; an empty
 * filter matches everything.
 */
public final class IncidentQuery {

    /** Default {@link #limit()}. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest {@link #limit()} allowed. */
    public static final int MAX_LIMIT = 10_000;

    private static final IncidentQuery ALL = new IncidentQuery(Set.of(), Set.of(), null, null, DEFAULT_LIMIT);

    private final Set<IncidentStatus> statuses;
    private final Set<Severity> severities;
    private final String service;
    private final Instant since;
    private final int limit;

    private IncidentQuery(Set<IncidentStatus> statuses, Set<Severity> severities, String service, Instant since, int limit) {
        this.statuses = statuses;
        this.severities = severities;
        this.service = service;
        this.since = since;
        this.limit = limit;
    }

    /** Every incident, up to {@value #DEFAULT_LIMIT}. */
    public static IncidentQuery all() {
        return ALL;
    }

    /** Only incidents in one of these states. */
    public IncidentQuery withStatus(IncidentStatus first, IncidentStatus... more) {
        Set<IncidentStatus> set = EnumSet.of(Objects.requireNonNull(first, "status"), more);
        return new IncidentQuery(Set.copyOf(set), severities, service, since, limit);
    }

    /** Only incidents of one of these severities. */
    public IncidentQuery withSeverity(Severity first, Severity... more) {
        Set<Severity> set = EnumSet.of(Objects.requireNonNull(first, "severity"), more);
        return new IncidentQuery(statuses, Set.copyOf(set), service, since, limit);
    }

    /** Only incidents with this service among their {@link Incident#services()}. */
    public IncidentQuery withService(String service) {
        Objects.requireNonNull(service, "service");
        return new IncidentQuery(statuses, severities, service, since, limit);
    }

    /** Only incidents opened at or after {@code since}. */
    public IncidentQuery withSince(Instant since) {
        Objects.requireNonNull(since, "since");
        return new IncidentQuery(statuses, severities, service, since, limit);
    }

    /**
     * At most {@code limit} incidents (default {@value #DEFAULT_LIMIT}).
     *
     * @throws IllegalArgumentException if {@code limit} is not in [1, {@value #MAX_LIMIT}]
     */
    public IncidentQuery withLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "], was " + limit);
        }
        return new IncidentQuery(statuses, severities, service, since, limit);
    }

    /** The states wanted; empty means any. */
    public Set<IncidentStatus> statuses() {
        return statuses;
    }

    /** The severities wanted; empty means any. */
    public Set<Severity> severities() {
        return severities;
    }

    /** The service wanted, if any. */
    public Optional<String> service() {
        return Optional.ofNullable(service);
    }

    /** The earliest opening time wanted, if any. */
    public Optional<Instant> since() {
        return Optional.ofNullable(since);
    }

    /** The most incidents to return. */
    public int limit() {
        return limit;
    }

    /** True if {@code incident} passes every filter of this query (the limit aside). */
    public boolean matches(Incident incident) {
        return (statuses.isEmpty() || statuses.contains(incident.status()))
                && (severities.isEmpty() || severities.contains(incident.severity()))
                && (service == null || incident.services().contains(service))
                && (since == null || !incident.openedAt().isBefore(since));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentQuery q && statuses.equals(q.statuses) && severities.equals(q.severities)
                && Objects.equals(service, q.service) && Objects.equals(since, q.since) && limit == q.limit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(statuses, severities, service, since, limit);
    }

    @Override
    public String toString() {
        return "IncidentQuery[statuses=" + statuses + ", severities=" + severities + ", service=" + service
                + ", since=" + since + ", limit=" + limit + "]";
    }
}
