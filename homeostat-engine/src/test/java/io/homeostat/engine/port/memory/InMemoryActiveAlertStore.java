package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.ActiveAlert;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.OpenEscalation;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link ActiveAlertStore} in maps, for the engine's tests. Thread-safe. */
public final class InMemoryActiveAlertStore implements ActiveAlertStore {

    private final Map<String, ActiveAlert> alerts = new ConcurrentHashMap<>();
    private final Map<String, OpenEscalation> escalations = new ConcurrentHashMap<>();

    @Override
    public void save(ActiveAlert alert) {
        Objects.requireNonNull(alert, "alert");
        alerts.put(alert.fingerprint(), alert);
    }

    @Override
    public void remove(String fingerprint) {
        alerts.remove(Objects.requireNonNull(fingerprint, "fingerprint"));
    }

    @Override
    public List<ActiveAlert> all() {
        return alerts.values().stream()
                .sorted(Comparator.comparing(ActiveAlert::startsAt).thenComparing(ActiveAlert::fingerprint)).toList();
    }

    @Override
    public void saveEscalation(OpenEscalation escalation) {
        Objects.requireNonNull(escalation, "escalation");
        escalations.put(escalation.key(), escalation);
    }

    @Override
    public void removeEscalation(String key) {
        escalations.remove(Objects.requireNonNull(key, "key"));
    }

    @Override
    public List<OpenEscalation> escalations() {
        return escalations.values().stream().sorted(Comparator.comparing(OpenEscalation::key)).toList();
    }
}
