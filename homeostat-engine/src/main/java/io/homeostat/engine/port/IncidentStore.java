package io.homeostat.engine.port;

import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentNotFoundException;
import io.homeostat.engine.incident.TimelineEntry;
import java.util.List;
import java.util.Optional;

/**
 * Where incidents and their timelines are kept. Implementations are thread-safe; each method is
 * atomic (nothing is half-written). What is read back equals what was written, field by field
 * ({@link Incident#equals}), for times of millisecond precision; implementations keep at least
 * that. An implementation may throw its own unchecked exception when its storage fails: a
 * {@link StoreUnavailableException} when it cannot be reached (the write may succeed later), a
 * {@link StoreRefusedException} when it refuses the write for its content (it never will).
 */
public interface IncidentStore {

    /**
     * Stores a new incident.
     *
     * @throws DuplicateIncidentException if an incident with its id is stored already
     */
    void save(Incident incident);

    /**
     * Replaces the stored incident with the same id by {@code incident}.
     *
     * @throws IncidentNotFoundException if no incident with its id is stored
     */
    void update(Incident incident);

    /**
     * Adds an entry at the end of an incident's timeline.
     *
     * @throws IncidentNotFoundException if no incident with that id is stored
     */
    void append(String incidentId, TimelineEntry entry);

    /**
     * An incident's timeline, in the order its entries were appended (which is not always time
     * order); empty if the incident has none or is unknown.
     */
    List<TimelineEntry> timeline(String incidentId);

    /** The incident with that id, if stored. */
    Optional<Incident> find(String incidentId);

    /**
     * The active (not {@linkplain io.homeostat.engine.incident.IncidentStatus#RESOLVED resolved})
     * incident that has {@code fingerprint} among its {@link Incident#fingerprints()}; if several
     * have, the one opened last (ties: the greatest id).
     */
    Optional<Incident> findActiveByFingerprint(String fingerprint);

    /**
     * The incidents that match {@code query}, newest first: by {@link Incident#openedAt()}
     * descending, ties by {@link Incident#id()} descending (string order), at most
     * {@link IncidentQuery#limit()} of them.
     */
    List<Incident> list(IncidentQuery query);
}
