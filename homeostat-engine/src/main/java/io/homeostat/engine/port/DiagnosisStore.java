package io.homeostat.engine.port;

import io.homeostat.engine.diagnose.Diagnosis;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where diagnoses are kept with their incident: every diagnosis the loop makes (an incident may be
 * diagnosed more than once), whole — category, confidence, severity, probable causes, root
 * candidates, impact, explanations and the classifier's version.
 *
 * <p>Implementations are thread-safe; each method is atomic. What is read back equals what was
 * saved ({@link Diagnosis#equals}) for times of microsecond precision. A diagnosis is known by its
 * incident and its {@link Diagnosis#diagnosedAt()}: saving one with the same pair again changes
 * nothing (a replay is harmless; the first one saved is kept). An implementation may throw its own
 * unchecked exception (e.g. {@link StoreUnavailableException}) when its storage fails. Contract:
 * {@code io.homeostat.engine.port.contract.DiagnosisStoreContract}.
 */
public interface DiagnosisStore {

    /**
     * Keeps {@code diagnosis}; nothing happens if one of the same incident and instant is kept already.
     *
     * @throws NullPointerException if {@code diagnosis} is null
     */
    void save(Diagnosis diagnosis);

    /** The incident's diagnoses, oldest first (same instant: in the order saved); empty for an unknown incident. */
    List<Diagnosis> byIncident(String incidentId);

    /** The incident's newest diagnosis (same instant: the last saved), if it has one. */
    Optional<Diagnosis> latest(String incidentId);

    /**
     * The diagnoses made at or after {@code since}, of any incident, newest first (same instant:
     * the last saved first), at most {@code limit}.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    List<Diagnosis> recent(Instant since, int limit);
}
