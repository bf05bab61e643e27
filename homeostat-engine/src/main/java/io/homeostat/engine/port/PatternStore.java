package io.homeostat.engine.port;

import io.homeostat.engine.detect.pattern.Pattern;
import java.util.List;
import java.util.Optional;

/**
 * Where recognised failure patterns are kept, one per {@link Pattern#signature()}. Implementations
 * are thread-safe; each method is atomic. What is read back equals what was written
 * ({@link Pattern#equals}), for times of millisecond precision. An implementation may throw its
 * own unchecked exception when its storage fails.
 */
public interface PatternStore {

    /** The largest {@code limit} {@link #list(int)} accepts. */
    int MAX_LIMIT = 10_000;

    /** Stores {@code pattern}, replacing the one with the same signature if there is one. */
    void save(Pattern pattern);

    /** The pattern with that signature, if stored. */
    Optional<Pattern> find(String signature);

    /**
     * The patterns that involve {@code service}, most confident first (ties: signature ascending,
     * string order); empty if none.
     */
    List<Pattern> forService(String service);

    /**
     * The most recently seen patterns: by {@link Pattern#lastSeen()} descending, ties by signature
     * ascending, at most {@code limit}.
     *
     * @throws IllegalArgumentException if {@code limit} is not in [1, {@value #MAX_LIMIT}]
     */
    List<Pattern> list(int limit);

    /**
     * Forgets the pattern with that signature.
     *
     * @return true if one was stored
     */
    boolean delete(String signature);
}
