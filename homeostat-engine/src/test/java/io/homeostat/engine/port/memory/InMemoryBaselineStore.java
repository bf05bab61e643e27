package io.homeostat.engine.port.memory;

import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.baseline.Baseline;
import io.homeostat.engine.detect.baseline.BaselineWindow;
import io.homeostat.engine.port.BaselineStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link BaselineStore} in a map, for tests. Thread-safe. */
public final class InMemoryBaselineStore implements BaselineStore {

    private record Key(SeriesKey series, BaselineWindow window) {}

    private final ConcurrentMap<Key, Baseline> baselines = new ConcurrentHashMap<>();

    @Override
    public void save(Baseline baseline) {
        Objects.requireNonNull(baseline, "baseline");
        baselines.merge(new Key(baseline.series(), baseline.window()), baseline,
                (old, fresh) -> fresh.calculatedAt().isBefore(old.calculatedAt()) ? old : fresh);
    }

    @Override
    public Optional<Baseline> find(SeriesKey series, BaselineWindow window) {
        return Optional.ofNullable(baselines.get(new Key(series, window)));
    }

    @Override
    public List<Baseline> forService(String service) {
        return baselines.values().stream()
                .filter(b -> b.series().service().equals(service))
                .sorted(Comparator.comparing((Baseline b) -> b.series().metric()).thenComparing(Baseline::window))
                .toList();
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        int before = baselines.size();
        baselines.values().removeIf(b -> b.validUntil().isBefore(cutoff));
        return before - baselines.size();
    }
}
