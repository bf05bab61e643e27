package io.homeostat.core.fallback;

import io.homeostat.core.CallContext;
import io.homeostat.core.CheckedSupplier;
import io.homeostat.core.safety.SafetyDecision;
import io.homeostat.core.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One configured fallback tier. Its source (supplier or cache) is private and read in exactly one
 * place, {@link #run}, after checking that it was handed an allowing decision about this very
 * tier and call: a denied tier cannot be invoked.
 */
final class Tier<T> {

    private final String name;
    private final TierKind kind;
    private final String checkName;
    private final Predicate<? super T> check;
    private final CheckedSupplier<? extends T> supplier;
    private final ResultCache<T> cache;
    private final Duration maxStaleness;
    private final Clock clock;

    private Tier(String name, TierKind kind, String checkName, Predicate<? super T> check,
            CheckedSupplier<? extends T> supplier, ResultCache<T> cache, Duration maxStaleness, Clock clock) {
        this.name = name;
        this.kind = kind;
        this.checkName = checkName;
        this.check = check;
        this.supplier = supplier;
        this.cache = cache;
        this.maxStaleness = maxStaleness;
        this.clock = clock;
    }

    static <T> Tier<T> supplied(String name, TierKind kind, CheckedSupplier<? extends T> supplier, String checkName,
            Predicate<? super T> check) {
        return new Tier<>(name, kind, checkName, check, supplier, null, null, null);
    }

    static <T> Tier<T> cached(String name, ResultCache<T> cache, Duration maxStaleness, Clock clock, String checkName,
            Predicate<? super T> check) {
        return new Tier<>(name, TierKind.CACHED, checkName, check, null, cache, maxStaleness, clock);
    }

    String name() {
        return name;
    }

    TierKind kind() {
        return kind;
    }

    boolean hasCheck() {
        return check != null;
    }

    /** The result of running a tier: the attempt, and the served result if it served (else null). */
    record Run<T>(TierAttempt attempt, Served<T> served) {}

    /**
     * Runs the tier under {@code permit}.
     *
     * @throws IllegalStateException if {@code permit} does not allow this tier for {@code context}
     */
    Run<T> run(SafetyDecision permit, CallContext context) {
        if (!permit.allowed() || permit.tierKind() != kind || !permit.tierName().equals(name)
                || !permit.context().equals(context)) {
            throw new IllegalStateException("tier '" + name + "' invoked without an allowing decision: " + permit);
        }
        T value;
        Duration age = Duration.ZERO;
        try {
            if (kind == TierKind.CACHED) {
                if (!context.hasCacheKey()) {
                    return notServed(permit, TierAttempt.Outcome.SKIPPED, "the call has no cache key");
                }
                Optional<ResultCache.Cached<T>> hit = cache.get(context.cacheKey());
                if (hit.isEmpty()) {
                    return notServed(permit, TierAttempt.Outcome.SKIPPED, "cache miss");
                }
                age = ageOf(hit.get().storedAt());
                if (age.compareTo(maxStaleness) > 0) {
                    return notServed(permit, TierAttempt.Outcome.SKIPPED,
                            "too stale: " + Ages.format(age) + " old, max " + Ages.format(maxStaleness));
                }
                value = hit.get().value();
            } else {
                value = supplier.get();
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return notServed(permit, TierAttempt.Outcome.FAILED, "threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (check != null) {
            String verdict = verdictOf(value);
            if (verdict != null) {
                return notServed(permit, TierAttempt.Outcome.REJECTED, verdict);
            }
        }
        String warning = warning(age);
        Served<T> served = new Served<>(value, name, kind, kind == TierKind.CACHED, age, List.of(warning));
        return new Run<>(new TierAttempt(name, kind, permit, TierAttempt.Outcome.SERVED, warning), served);
    }

    /**
     * What this tier serves when allowed, for a static tier without a check: its value never
     * changes, so neither does the result.
     *
     * @throws IllegalStateException if the tier is not static or has a check
     */
    Served<T> staticServed() {
        if (kind != TierKind.STATIC || check != null) {
            throw new IllegalStateException("tier '" + name + "' is not a static tier without a check");
        }
        T value;
        try {
            value = supplier.get();
        } catch (Exception e) {
            throw new IllegalStateException("static tier '" + name + "' threw", e);
        }
        return new Served<>(value, name, kind, false, Duration.ZERO, List.of(warning(Duration.ZERO)));
    }

    /** Stores a primary result for this cached tier; the caller has checked that it may ever be served. */
    void store(String key, T value) {
        cache.put(key, value, clock.instant());
    }

    /** Null if the check passed, else why not. */
    private String verdictOf(T value) {
        try {
            return check.test(value) ? null : "integrity check '" + checkName + "' rejected the result";
        } catch (RuntimeException e) {
            return "integrity check '" + checkName + "' threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private Duration ageOf(Instant storedAt) {
        Duration age = Duration.between(storedAt, clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }

    private String warning(Duration age) {
        return switch (kind) {
            case CACHED -> "served from cache, " + Ages.format(age) + " old (max " + Ages.format(maxStaleness) + ")";
            case ALTERNATIVE -> "served by alternative: " + name;
            case DEGRADED -> "degraded: " + name;
            case STATIC -> "static response: " + name;
            case PRIMARY -> throw new IllegalStateException("a fallback tier cannot be PRIMARY");
        };
    }

    private Run<T> notServed(SafetyDecision permit, TierAttempt.Outcome outcome, String detail) {
        return new Run<>(new TierAttempt(name, kind, permit, outcome, detail), null);
    }
}
