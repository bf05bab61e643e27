package io.homeostat.engine.port.memory;

import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.port.DiagnosisStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@link DiagnosisStore} in a list, for the engine's tests. Thread-safe (one lock). */
public final class InMemoryDiagnosisStore implements DiagnosisStore {

    /** Stable sorts keep the list's save order among diagnoses of the same instant. */
    private static final Comparator<Diagnosis> OLDEST_FIRST = Comparator.comparing(Diagnosis::diagnosedAt);

    private final List<Diagnosis> saved = new ArrayList<>();

    @Override
    public synchronized void save(Diagnosis diagnosis) {
        Objects.requireNonNull(diagnosis, "diagnosis");
        boolean known = saved.stream().anyMatch(d -> d.incidentId().equals(diagnosis.incidentId())
                && d.diagnosedAt().equals(diagnosis.diagnosedAt()));
        if (!known) {
            saved.add(diagnosis);
        }
    }

    @Override
    public synchronized List<Diagnosis> byIncident(String incidentId) {
        return saved.stream().filter(d -> d.incidentId().equals(incidentId)).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public synchronized Optional<Diagnosis> latest(String incidentId) {
        List<Diagnosis> all = byIncident(incidentId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    @Override
    public synchronized List<Diagnosis> recent(Instant since, int limit) {
        Objects.requireNonNull(since, "since");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return saved.stream().filter(d -> !d.diagnosedAt().isBefore(since)).sorted(OLDEST_FIRST).toList()
                .reversed().stream().limit(limit).toList();
    }
}
