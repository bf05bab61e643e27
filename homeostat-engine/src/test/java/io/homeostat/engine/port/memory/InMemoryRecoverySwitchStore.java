package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.RecoverySwitch;
import io.homeostat.engine.port.RecoverySwitchStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link RecoverySwitchStore} in a sorted map, for the engine's tests. Thread-safe. */
public final class InMemoryRecoverySwitchStore implements RecoverySwitchStore {

    private record Key(RecoverySwitch.Kind kind, String target) {}

    private final Map<Key, RecoverySwitch> settings = new ConcurrentSkipListMap<>(
            Comparator.comparing(Key::kind).thenComparing(Key::target));

    @Override
    public void save(RecoverySwitch setting) {
        Objects.requireNonNull(setting, "setting");
        settings.put(new Key(setting.kind(), setting.target()), setting);
    }

    @Override
    public List<RecoverySwitch> all() {
        return List.copyOf(settings.values());
    }
}
