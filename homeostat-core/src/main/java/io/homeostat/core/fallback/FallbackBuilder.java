package io.homeostat.core.fallback;

import io.homeostat.core.CheckedSupplier;
import io.homeostat.core.safety.SafetyDecision;
import io.homeostat.core.safety.SafetyPolicy;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds a {@link Fallback} from {@link Fallback#builder(Clock)}. Tiers are tried in the order
 * they are added; {@link #validatedBy} attaches an integrity check to the tier added just before.
 * Tier names are unique within a fallback ({@code "primary"} is reserved; the cached tier is
 * named {@code "cache"}). Misconfiguration fails here, never later.
 *
 * <p>Not thread-safe; build once, share the fallback. Building twice gives two independent
 * fallbacks (each with its own default policy unless one was set).
 *
 * @param <T> the result type
 */
public final class FallbackBuilder<T> {

    /** The guidance a failure carries unless {@link #guidance(String)} sets one. */
    public static final String DEFAULT_GUIDANCE =
            "No fallback may or can serve this call: treat the result as unavailable and follow the manual procedure.";

    /** The name of the cached tier. */
    public static final String CACHE_TIER = "cache";

    private final Clock clock;
    private final Function<FallbackBuilder<T>, Fallback<T>> factory;
    private final List<Spec<T>> specs = new ArrayList<>();
    private final Set<String> tierNames = new HashSet<>();
    final List<Consumer<? super SafetyDecision>> listeners = new ArrayList<>();
    String name = "fallback";
    String guidance = DEFAULT_GUIDANCE;
    SafetyPolicy policy;
    String primaryCheckName;
    Predicate<? super T> primaryCheck;

    FallbackBuilder(Clock clock, Function<FallbackBuilder<T>, Fallback<T>> factory) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.factory = factory;
    }

    /**
     * Names the fallback, usually after its guard (default {@code "fallback"}).
     *
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public FallbackBuilder<T> name(String name) {
        this.name = requireText(name, "name");
        return this;
    }

    /**
     * Adds a tier served by another provider of the same answer.
     *
     * @throws IllegalArgumentException if {@code name} is blank, reserved or already used
     * @throws NullPointerException if an argument is null
     */
    public FallbackBuilder<T> alternative(String name, CheckedSupplier<? extends T> supplier) {
        return add(new Spec<>(uniqueName(name), TierKind.ALTERNATIVE, Objects.requireNonNull(supplier, "supplier"), null, null));
    }

    /**
     * Adds the tier that serves the value stored by the last successful primary call with the
     * same cache key, if it is at most {@code maxStaleness} old (an older value is skipped). Such
     * a result is marked stale and carries its age.
     *
     * @throws IllegalStateException if a cached tier was already added
     * @throws IllegalArgumentException if {@code maxStaleness} is zero or negative
     * @throws NullPointerException if an argument is null
     */
    public FallbackBuilder<T> cached(ResultCache<T> cache, Duration maxStaleness) {
        Objects.requireNonNull(cache, "cache");
        Durations.requirePositive(maxStaleness, "maxStaleness");
        if (specs.stream().anyMatch(s -> s.kind == TierKind.CACHED)) {
            throw new IllegalStateException("a fallback has at most one cached tier");
        }
        return add(new Spec<>(uniqueName(CACHE_TIER), TierKind.CACHED, null, cache, maxStaleness));
    }

    /**
     * Adds a tier that gives a reduced answer (e.g. "queued for manual review").
     *
     * @throws IllegalArgumentException if {@code name} is blank, reserved or already used
     * @throws NullPointerException if an argument is null
     */
    public FallbackBuilder<T> degraded(String name, CheckedSupplier<? extends T> supplier) {
        return add(new Spec<>(uniqueName(name), TierKind.DEGRADED, Objects.requireNonNull(supplier, "supplier"), null, null));
    }

    /**
     * Adds a tier that always answers {@code value}.
     *
     * @throws IllegalArgumentException if {@code name} is blank, reserved or already used
     * @throws NullPointerException if an argument is null
     */
    public FallbackBuilder<T> staticValue(String name, T value) {
        Objects.requireNonNull(value, "value");
        return add(new Spec<>(uniqueName(name), TierKind.STATIC, () -> value, null, null));
    }

    /**
     * Attaches an integrity check to the tier added last: a result it rejects (or that makes it
     * throw) is not served, and the next tier is tried. Without one, a tier is denied for calls
     * whose policy requires a check (diagnostic calls, by default).
     *
     * @throws IllegalStateException if no tier was added yet, or the last one already has a check
     * @throws IllegalArgumentException if {@code checkName} is blank
     * @throws NullPointerException if an argument is null
     */
    public FallbackBuilder<T> validatedBy(String checkName, Predicate<? super T> check) {
        if (specs.isEmpty()) {
            throw new IllegalStateException("validatedBy(..) follows the tier it checks; no tier added yet");
        }
        Spec<T> last = specs.get(specs.size() - 1);
        if (last.check != null) {
            throw new IllegalStateException("tier '" + last.name + "' already has integrity check '" + last.checkName + "'");
        }
        last.checkName = requireText(checkName, "checkName");
        last.check = Objects.requireNonNull(check, "check");
        return this;
    }

    /**
     * Sets the integrity check of the primary result (see {@link Fallback#acceptsPrimary}).
     *
     * @throws IllegalStateException if one was already set
     * @throws IllegalArgumentException if {@code checkName} is blank
     * @throws NullPointerException if an argument is null
     */
    public FallbackBuilder<T> validatePrimary(String checkName, Predicate<? super T> check) {
        if (primaryCheck != null) {
            throw new IllegalStateException("the primary result already has integrity check '" + primaryCheckName + "'");
        }
        this.primaryCheckName = requireText(checkName, "checkName");
        this.primaryCheck = Objects.requireNonNull(check, "check");
        return this;
    }

    /**
     * Sets what the caller is told to do when no tier may or can serve (default
     * {@link #DEFAULT_GUIDANCE}), e.g. "Drug-interaction check unavailable: do not prescribe
     * without a pharmacist's manual check".
     *
     * @throws IllegalArgumentException if {@code guidance} is blank
     */
    public FallbackBuilder<T> guidance(String guidance) {
        this.guidance = requireText(guidance, "guidance");
        return this;
    }

    /**
     * Sets the policy consulted before every tier (default: a new {@link SafetyPolicy#defaults()}
     * per fallback built).
     *
     * @throws NullPointerException if {@code policy} is null
     */
    public FallbackBuilder<T> safetyPolicy(SafetyPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Adds a listener that receives every safety decision the fallback takes, on the calling
     * thread. Listener exceptions are caught and counted ({@link Fallback#listenerFailures()}).
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public FallbackBuilder<T> onDecision(Consumer<? super SafetyDecision> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The fallback, immutable; this builder may go on being used. */
    public Fallback<T> build() {
        return factory.apply(this);
    }

    SafetyPolicy policyOrDefault() {
        return policy != null ? policy : SafetyPolicy.defaults();
    }

    List<Tier<T>> buildTiers() {
        return specs.stream().map(s -> s.kind == TierKind.CACHED
                ? Tier.cached(s.name, s.cache, s.maxStaleness, clock, s.checkName, s.check)
                : Tier.<T>supplied(s.name, s.kind, s.supplier, s.checkName, s.check)).toList();
    }

    private FallbackBuilder<T> add(Spec<T> spec) {
        specs.add(spec);
        tierNames.add(spec.name);
        return this;
    }

    private String uniqueName(String tierName) {
        requireText(tierName, "tier name");
        if (Served.PRIMARY_TIER.equals(tierName)) {
            throw new IllegalArgumentException("tier name '" + Served.PRIMARY_TIER + "' is reserved for the primary call");
        }
        if (tierNames.contains(tierName)) {
            throw new IllegalArgumentException("a tier named '" + tierName + "' was already added");
        }
        return tierName;
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    /** A tier as configured, before its check is final. */
    private static final class Spec<T> {
        final String name;
        final TierKind kind;
        final CheckedSupplier<? extends T> supplier;
        final ResultCache<T> cache;
        final Duration maxStaleness;
        String checkName;
        Predicate<? super T> check;

        Spec(String name, TierKind kind, CheckedSupplier<? extends T> supplier, ResultCache<T> cache, Duration maxStaleness) {
            this.name = name;
            this.kind = kind;
            this.supplier = supplier;
            this.cache = cache;
            this.maxStaleness = maxStaleness;
        }
    }
}
