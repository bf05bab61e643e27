package io.homeostat.server.runtime;

import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentNotFoundException;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.port.DuplicateIncidentException;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.IncidentStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's incident store until the JDBC {@link IncidentStore} lands in homeostat-store:
 * incidents in memory, lost on restart. {@link io.homeostat.server.HomeostatServer} takes any
 * {@link IncidentStore}, so replacing this one is a change of one line. Thread-safe (every method
 * is synchronized).
 */
public final class VolatileIncidentStore implements IncidentStore {

    private static final Comparator<Incident> NEWEST_FIRST =
            Comparator.comparing(Incident::openedAt).thenComparing(Incident::id).reversed();

    private final Map<String, Incident> incidents = new HashMap<>();
    private final Map<String, List<TimelineEntry>> timelines = new HashMap<>();

    @Override
    public synchronized void save(Incident incident) {
        if (incidents.putIfAbsent(incident.id(), incident) != null) {
            throw new DuplicateIncidentException(incident.id());
        }
    }

    @Override
    public synchronized void update(Incident incident) {
        if (incidents.replace(incident.id(), incident) == null) {
            throw new IncidentNotFoundException(incident.id());
        }
    }

    @Override
    public synchronized void append(String incidentId, TimelineEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (!incidents.containsKey(incidentId)) {
            throw new IncidentNotFoundException(incidentId);
        }
        timelines.computeIfAbsent(incidentId, id -> new ArrayList<>()).add(entry);
    }

    @Override
    public synchronized List<TimelineEntry> timeline(String incidentId) {
        return List.copyOf(timelines.getOrDefault(incidentId, List.of()));
    }

    @Override
    public synchronized Optional<Incident> find(String incidentId) {
        return Optional.ofNullable(incidents.get(incidentId));
    }

    @Override
    public synchronized Optional<Incident> findActiveByFingerprint(String fingerprint) {
        return incidents.values().stream()
                .filter(Incident::active)
                .filter(incident -> incident.fingerprints().contains(fingerprint))
                .min(NEWEST_FIRST);
    }

    @Override
    public synchronized List<Incident> list(IncidentQuery query) {
        return incidents.values().stream().filter(query::matches).sorted(NEWEST_FIRST).limit(query.limit()).toList();
    }
}
