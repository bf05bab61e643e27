package io.homeostat.core.fallback;

import io.homeostat.core.CallContext;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.safety.SafetyDecision;
import io.homeostat.core.safety.SafetyPolicy;
import io.homeostat.core.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a guard serves when its primary call fails or its result is rejected: fallback tiers,
 * tried in the order they were added, each asked of the {@link SafetyPolicy} first and checked
 * for integrity after. The recommended order is alternative provider, cached value, degraded
 * mode, static response:
 *
 * <pre>{@code
 * Fallback<Analysis> fallback = Fallback.<Analysis>builder(clock)
 *         .validatePrimary("confidence>0.7", a -> a.confidence() > 0.7)
 *         .alternative("second-vendor", secondVendor::analyse).validatedBy("confidence>0.7", a -> a.confidence() > 0.7)
 *         .cached(ResultCache.inMemory(10_000), Duration.ofMinutes(10)).validatedBy("confidence>0.7", a -> a.confidence() > 0.7)
 *         .degraded("manual-review", () -> Analysis.queuedForManualReview()).validatedBy("queued", Analysis::isQueued)
 *         .guidance("Imaging analysis unavailable: the study is queued for manual review")
 *         .build();
 * }</pre>
 *
 * <p>Built once and used by a guard on many calls through {@link #acceptsPrimary},
 * {@link #onPrimarySuccess} and {@link #serve}. Thread-safe: immutable once built; its tiers,
 * checks, cache and listeners must be thread-safe themselves.
 *
 * @param <T> the result type
 */
public final class Fallback<T> {

    private final String name;
    private final List<Tier<T>> tiers;
    private final Tier<T> cacheTier;
    private final String primaryCheckName;
    private final Predicate<? super T> primaryCheck;
    private final String guidance;
    private final SafetyPolicy policy;
    private final List<Consumer<? super SafetyDecision>> listeners;
    private final LongAdder listenerFailures = new LongAdder();
    private final LongAdder cacheWriteFailures = new LongAdder();
    /**
     * What a first tier that is a static value without a check serves, built once; null if the
     * first tier is anything else. See {@link #serve}.
     */
    private final Served<T> staticFirst;

    private Fallback(FallbackBuilder<T> builder) {
        this.name = builder.name;
        this.tiers = builder.buildTiers();
        this.cacheTier = tiers.stream().filter(t -> t.kind() == TierKind.CACHED).findFirst().orElse(null);
        this.primaryCheckName = builder.primaryCheckName;
        this.primaryCheck = builder.primaryCheck;
        this.guidance = builder.guidance;
        this.policy = builder.policyOrDefault();
        this.listeners = List.copyOf(builder.listeners);
        Tier<T> first = tiers.isEmpty() ? null : tiers.getFirst();
        this.staticFirst = first != null && first.kind() == TierKind.STATIC && !first.hasCheck() && listeners.isEmpty()
                ? first.staticServed() : null;
    }

    /**
     * A builder for a fallback whose cached tier reads ages on {@code clock}.
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public static <T> FallbackBuilder<T> builder(Clock clock) {
        return new FallbackBuilder<>(clock, Fallback::new);
    }

    /**
     * Serves a call whose primary path failed or was rejected: for each tier in order, asks the
     * policy (a denied tier is never invoked), runs the tier, applies its integrity check, and
     * returns the first acceptable result with its warnings (the serving tier's first, then one
     * per tier passed over). Tier exceptions are caught and move on to the next tier; every
     * decision goes to the listeners.
     *
     * <p>A fallback whose first tier is a static value without an integrity check, and which has
     * no decision listener, answers calls that no safety rule covers for that tier from one
     * {@code Served} built at construction, allocating nothing; the decision is still taken and
     * counted by the policy ({@link SafetyPolicy#allowsUncovered}). Any call a rule covers takes
     * the full path above.
     *
     * @param failure why the primary path gave no acceptable result; the cause of the exception
     *     if no tier serves (when the primary result was rejected, pass an exception saying so)
     * @throws FallbackFailedException if no tier may or can serve, with the guidance
     * @throws NullPointerException if an argument is null
     */
    public Served<T> serve(CallContext context, Throwable failure) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(failure, "failure");
        if (staticFirst != null && policy.allowsUncovered(context, TierKind.STATIC)) {
            return staticFirst;
        }
        List<TierAttempt> attempts = new ArrayList<>(tiers.size());
        for (Tier<T> tier : tiers) {
            SafetyDecision decision = decide(context, tier.kind(), tier.name(), tier.hasCheck());
            if (decision.denied()) {
                attempts.add(new TierAttempt(tier.name(), tier.kind(), decision, TierAttempt.Outcome.DENIED, decision.reason()));
                continue;
            }
            Tier.Run<T> run = tier.run(decision, context);
            attempts.add(run.attempt());
            if (run.served() != null) {
                return withPassedOver(run.served(), attempts);
            }
        }
        throw new FallbackFailedException(name, categoryOf(context, attempts), context, guidance, attempts, failure);
    }

    /**
     * Whether the primary result {@code value} may be served: its integrity check passes (a check
     * that throws rejects). True when no check is configured, unless the policy requires one for
     * this context (then it is false, and the denial goes to the listeners).
     *
     * @throws NullPointerException if {@code context} is null
     */
    public boolean acceptsPrimary(CallContext context, T value) {
        Objects.requireNonNull(context, "context");
        if (policy.requiresIntegrityCheck(context, TierKind.PRIMARY)) {
            SafetyDecision decision = decide(context, TierKind.PRIMARY, Served.PRIMARY_TIER, primaryCheck != null);
            if (decision.denied()) {
                return false;
            }
        }
        if (primaryCheck == null) {
            return true;
        }
        try {
            return primaryCheck.test(value);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether the policy would refuse any primary result of a call like {@code context}, because it
     * requires an integrity check of it and this fallback has none: then the call is better not
     * made. Says so to the listeners, as {@link #acceptsPrimary} would after the call. False, and
     * quiet, when a check is configured or none is required.
     *
     * @throws NullPointerException if {@code context} is null
     */
    public boolean refusesUncheckedPrimary(CallContext context) {
        if (primaryCheck != null || !policy.requiresIntegrityCheck(context, TierKind.PRIMARY)) {
            return false;
        }
        return decide(context, TierKind.PRIMARY, Served.PRIMARY_TIER, false).denied();
    }

    /**
     * Stores a primary result in the cached tier under the context's cache key, stamped with the
     * clock's wall time. Does nothing without a cached tier, without a key, for a null value, or
     * when the policy would never let this context get cached data. A failing cache is counted
     * ({@link #cacheWriteFailures()}), never thrown.
     *
     * @throws NullPointerException if {@code context} is null
     */
    public void onPrimarySuccess(CallContext context, T value) {
        Objects.requireNonNull(context, "context");
        if (cacheTier == null || !context.hasCacheKey() || value == null || !cacheMayServe(context)) {
            return;
        }
        try {
            cacheTier.store(context.cacheKey(), value);
        } catch (RuntimeException e) {
            cacheWriteFailures.increment();
        }
    }

    /** The name given at build time (default {@code "fallback"}); failures name it as their guard. */
    public String name() {
        return name;
    }

    /** The safety policy consulted before every tier (default {@link SafetyPolicy#defaults()}). */
    public SafetyPolicy policy() {
        return policy;
    }

    /** The guidance a {@link FallbackFailedException} carries. */
    public String guidance() {
        return guidance;
    }

    /** The tiers' names, in the order they are tried. */
    public List<String> tierNames() {
        return tiers.stream().map(Tier::name).toList();
    }

    /** Decision listener calls that threw (caught, never propagated). */
    public long listenerFailures() {
        return listenerFailures.sum();
    }

    /** Writes to the result cache that threw (caught, never propagated). */
    public long cacheWriteFailures() {
        return cacheWriteFailures.sum();
    }

    @Override
    public String toString() {
        return "Fallback[" + name + ", tiers=" + tierNames() + ", policy=" + policy + "]";
    }

    private boolean cacheMayServe(CallContext context) {
        return !policy.forbids(context, TierKind.CACHED)
                && (cacheTier.hasCheck() || !policy.requiresIntegrityCheck(context, TierKind.CACHED));
    }

    private SafetyDecision decide(CallContext context, TierKind kind, String tierName, boolean checked) {
        SafetyDecision decision = policy.evaluate(context, kind, tierName, checked);
        for (Consumer<? super SafetyDecision> listener : listeners) {
            try {
                listener.accept(decision);
            } catch (RuntimeException e) {
                listenerFailures.increment();
            }
        }
        return decision;
    }

    private ErrorCategory categoryOf(CallContext context, List<TierAttempt> attempts) {
        boolean noneInvoked = attempts.stream().noneMatch(TierAttempt::invoked);
        boolean anyDenied = attempts.stream().anyMatch(a -> !a.invoked());
        boolean allForbidden = true;
        for (TierKind kind : TierKind.values()) {
            allForbidden &= kind == TierKind.PRIMARY || policy.forbids(context, kind);
        }
        return noneInvoked && (anyDenied || allForbidden) ? ErrorCategory.REJECTED : ErrorCategory.UNAVAILABLE;
    }

    private static <T> Served<T> withPassedOver(Served<T> served, List<TierAttempt> attempts) {
        if (attempts.size() == 1) {
            return served;
        }
        List<String> warnings = new ArrayList<>(served.warnings());
        for (TierAttempt attempt : attempts.subList(0, attempts.size() - 1)) {
            warnings.add("passed over " + attempt.summary());
        }
        return new Served<>(served.value(), served.tier(), served.kind(), served.stale(), served.age(), warnings);
    }
}
