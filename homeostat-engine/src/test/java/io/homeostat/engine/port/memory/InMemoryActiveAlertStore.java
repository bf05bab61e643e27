package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.ActiveAlert;
import io.homeostat.engine.port.ActiveAlertStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link ActiveAlertStore} in a map, for the engine's tests. Thread-safe. */
public final class InMemoryActiveAlertStore implements ActiveAlertStore {

    private final Map<String, ActiveAlert> alerts = new ConcurrentHashMap<>();

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
}
