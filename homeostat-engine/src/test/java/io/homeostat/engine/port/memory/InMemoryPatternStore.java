package io.homeostat.engine.port.memory;

import io.homeostat.engine.detect.pattern.Pattern;
import io.homeostat.engine.port.PatternStore;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A {@link PatternStore} in a map, for tests. Thread-safe (every method is synchronized). */
public final class InMemoryPatternStore implements PatternStore {

    private static final Comparator<Pattern> MOST_CONFIDENT =
            Comparator.comparingDouble(Pattern::confidence).reversed().thenComparing(Pattern::signature);
    private static final Comparator<Pattern> LATEST =
            Comparator.comparing(Pattern::lastSeen).reversed().thenComparing(Pattern::signature);

    private final Map<String, Pattern> patterns = new HashMap<>();

    @Override
    public synchronized void save(Pattern pattern) {
        Objects.requireNonNull(pattern, "pattern");
        patterns.put(pattern.signature(), pattern);
    }

    @Override
    public synchronized Optional<Pattern> find(String signature) {
        return Optional.ofNullable(patterns.get(signature));
    }

    @Override
    public synchronized List<Pattern> forService(String service) {
        return patterns.values().stream().filter(p -> p.involves(service)).sorted(MOST_CONFIDENT).toList();
    }

    @Override
    public synchronized List<Pattern> list(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "], was " + limit);
        }
        return patterns.values().stream().sorted(LATEST).limit(limit).toList();
    }

    @Override
    public synchronized boolean delete(String signature) {
        return patterns.remove(signature) != null;
    }
}
