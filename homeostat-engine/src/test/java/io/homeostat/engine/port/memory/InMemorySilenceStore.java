package io.homeostat.engine.port.memory;

import io.homeostat.engine.alert.Silence;
import io.homeostat.engine.port.SilenceStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SilenceStore} in a map, for the engine's tests. Thread-safe. */
public final class InMemorySilenceStore implements SilenceStore {

    private final Map<String, Silence> silences = new ConcurrentHashMap<>();

    @Override
    public void save(Silence silence) {
        Objects.requireNonNull(silence, "silence");
        silences.put(silence.id(), silence);
    }

    @Override
    public void remove(String id) {
        silences.remove(Objects.requireNonNull(id, "id"));
    }

    @Override
    public List<Silence> all() {
        return silences.values().stream()
                .sorted(Comparator.comparing(Silence::startsAt).thenComparing(Silence::id)).toList();
    }
}
