package io.homeostat.core.fallback;

import io.homeostat.core.time.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A result and where it came from: which tier served it, whether it is stale and how old, and
 * the warnings the caller should pass on (for example {@code "served from cache, 7m old (max 10m)"}
 * from a cache tier whose maximum staleness is 10 minutes).
 *
 * <p>Immutable and thread-safe (as far as {@code value} is).
 *
 * @param value the result as the tier produced it; null only if the tier's supplier returned
 *     null (calls without a result)
 * @param tier the name of the tier that served ({@code "primary"} for the primary call)
 * @param kind the kind of that tier
 * @param stale whether the value is older than the call (true exactly for {@link TierKind#CACHED})
 * @param age how old the value is; zero unless cached
 * @param warnings what the caller should know about this result, most important first; empty
 *     for a primary result
 * @param <T> the result type
 */
public record Served<T>(T value, String tier, TierKind kind, boolean stale, Duration age, List<String> warnings) {

    /** The tier name of a primary result. */
    public static final String PRIMARY_TIER = "primary";

    /**
     * Validates the result's provenance.
     *
     * @throws NullPointerException if {@code tier}, {@code kind}, {@code age} or {@code warnings}
     *     (or one of its elements) is null
     * @throws IllegalArgumentException if {@code tier} is blank, {@code age} is negative, or a
     *     result that is not {@link TierKind#CACHED} is stale or has a non-zero age, or a cached
     *     one is not stale
     */
    public Served {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(kind, "kind");
        Durations.requireNonNegative(age, "age");
        warnings = List.copyOf(warnings);
        if (tier.isBlank()) {
            throw new IllegalArgumentException("tier must not be blank");
        }
        boolean cached = kind == TierKind.CACHED;
        if (stale != cached) {
            throw new IllegalArgumentException("a result is stale exactly when it is cached; was " + kind + ", stale=" + stale);
        }
        if (!cached && !age.isZero()) {
            throw new IllegalArgumentException("only a cached result has an age; was " + kind + ", age=" + age);
        }
    }

    /** A fresh result of the primary call: tier {@code "primary"}, not stale, no warnings. */
    public static <T> Served<T> primary(T value) {
        return new Served<>(value, PRIMARY_TIER, TierKind.PRIMARY, false, Duration.ZERO, List.of());
    }

    /** Whether a fallback tier, not the primary call, served this result. */
    public boolean isFallback() {
        return kind != TierKind.PRIMARY;
    }
}
