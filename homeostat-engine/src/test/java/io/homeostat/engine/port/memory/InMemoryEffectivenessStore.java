package io.homeostat.engine.port.memory;

import io.homeostat.engine.learn.Effectiveness;
import io.homeostat.engine.learn.RecoveryOutcome;
import io.homeostat.engine.port.EffectivenessStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** An {@link EffectivenessStore} in maps, for tests. Thread-safe (every method is synchronized). */
public final class InMemoryEffectivenessStore implements EffectivenessStore {

    private record Key(String problem, String action) {}

    private final Map<Key, Effectiveness> tallies = new HashMap<>();
    private final Map<Key, Set<String>> recordedIds = new HashMap<>();

    @Override
    public synchronized boolean record(String problemKey, RecoveryOutcome outcome) {
        Objects.requireNonNull(problemKey, "problemKey");
        Objects.requireNonNull(outcome, "outcome");
        if (problemKey.isBlank()) {
            throw new IllegalArgumentException("problemKey must not be blank");
        }
        Key key = new Key(problemKey, outcome.action());
        if (!recordedIds.computeIfAbsent(key, k -> new HashSet<>()).add(outcome.id())) {
            return false;
        }
        Instant time = outcome.time().truncatedTo(ChronoUnit.MILLIS);
        RecoveryOutcome kept = new RecoveryOutcome(outcome.id(), outcome.problem(), outcome.action(),
                outcome.succeeded(), outcome.timeToRecover(), time);
        tallies.put(key, tallies.getOrDefault(key, Effectiveness.none(problemKey, outcome.action())).plus(kept));
        return true;
    }

    @Override
    public synchronized Optional<Effectiveness> find(String problemKey, String action) {
        return Optional.ofNullable(tallies.get(new Key(problemKey, action)));
    }

    @Override
    public synchronized List<Effectiveness> forProblem(String problemKey) {
        return tallies.values().stream().filter(e -> e.problem().equals(problemKey))
                .sorted(Comparator.comparing(Effectiveness::action)).toList();
    }

    @Override
    public synchronized List<Effectiveness> all() {
        return tallies.values().stream()
                .sorted(Comparator.comparing(Effectiveness::problem).thenComparing(Effectiveness::action)).toList();
    }

    @Override
    public synchronized boolean forget(String problemKey, String action) {
        Key key = new Key(problemKey, action);
        recordedIds.remove(key);
        return tallies.remove(key) != null;
    }
}
