package io.homeostat.demo.chaos;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.Guard;
import io.homeostat.core.OperationType;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.fallback.Fallback;
import io.homeostat.core.fallback.FallbackFailedException;
import io.homeostat.core.fallback.ResultCache;
import io.homeostat.core.fallback.Served;
import io.homeostat.core.fallback.TierKind;
import io.homeostat.core.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The triage application as the scenarios drive it: each request asks the AI route's current
 * provider through its guard, with a {@link CallContext} drawn from a seeded {@link Random}
 * (diagnostic, prescriptive, informational; now and then life-critical) and a fallback of a cached
 * answer (10 min), then a rule-based triage, then guidance. It tallies what users saw: answers by
 * tier kind, failures that carried guidance, failures that did not, and answers the safety policy
 * should never have let through. Not thread-safe.
 */
final class Triage {

    static final String GUIDANCE = "AI triage is unavailable: triage this patient by the manual protocol";

    private final Function<String, Guard> guards;
    private final ProviderRoute route;
    private final Map<String, Upstream> providers;
    private final Random random;
    private final Fallback<String> fallback;
    final Map<TierKind, Integer> served = new EnumMap<>(TierKind.class);
    int requests;
    int failedWithGuidance;
    int failedWithoutGuidance;
    int refusedByPolicy;
    int safetyViolations;

    Triage(Function<String, Guard> guards, ProviderRoute route, Map<String, Upstream> providers, Clock clock, long seed) {
        this.guards = guards;
        this.route = route;
        this.providers = providers;
        this.random = new Random(seed);
        this.fallback = Fallback.<String>builder(clock).name("triage")
                .validatePrimary("non-empty", s -> !s.isBlank())
                .cached(ResultCache.inMemory(1_000), Duration.ofMinutes(10)).validatedBy("non-empty", s -> !s.isBlank())
                .degraded("rule-based", () -> "rule-based triage: see a nurse within 30 minutes")
                .validatedBy("non-empty", s -> !s.isBlank())
                .guidance(GUIDANCE).build();
    }

    /** {@code count} requests. */
    void requests(int count) {
        for (int i = 0; i < count; i++) {
            request();
        }
    }

    /** One request; never throws: what a user would see is tallied instead. */
    void request() {
        requests++;
        CallContext context = nextContext();
        String provider = route.current();
        Upstream upstream = providers.get(provider);
        try {
            Served<String> answer = guards.apply(provider).execute(context, () -> upstream.call("patient"), fallback);
            served.merge(answer.kind(), 1, Integer::sum);
            if (answer.isFallback() && context.criticality() == Criticality.LIFE_CRITICAL
                    || answer.kind() == TierKind.CACHED && context.operationType() == OperationType.PRESCRIPTIVE) {
                safetyViolations++;
            }
        } catch (FallbackFailedException e) {
            if (e.guidance().isBlank()) {
                failedWithoutGuidance++;
            } else {
                failedWithGuidance++;
            }
            if (e.refusedByPolicy()) {
                refusedByPolicy++;
            }
        } catch (RuntimeException e) {
            failedWithoutGuidance++;
        }
    }

    int served(TierKind kind) {
        return served.getOrDefault(kind, 0);
    }

    /** Answers from a fallback tier (anything but the primary). */
    int fallbacks() {
        return requests - served(TierKind.PRIMARY) - failedWithGuidance - failedWithoutGuidance;
    }

    private CallContext nextContext() {
        int draw = random.nextInt(100);
        String patient = "patient-" + random.nextInt(20);
        if (draw < 5) {
            return CallContext.of(OperationType.DIAGNOSTIC, Criticality.LIFE_CRITICAL);
        }
        if (draw < 25) {
            return CallContext.of(OperationType.PRESCRIPTIVE, Criticality.HIGH).withCacheKey(patient);
        }
        if (draw < 60) {
            return CallContext.of(OperationType.DIAGNOSTIC, Criticality.HIGH).withCacheKey(patient);
        }
        return CallContext.of(OperationType.INFORMATIONAL, Criticality.LOW).withCacheKey(patient);
    }
}
