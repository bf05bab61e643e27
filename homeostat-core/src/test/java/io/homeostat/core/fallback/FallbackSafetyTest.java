package io.homeostat.core.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.safety.DecisionCount;
import io.homeostat.core.safety.SafetyDecision;
import io.homeostat.core.safety.SafetyPolicy;
import io.homeostat.core.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clinical cases the safety policy exists for. */
class FallbackSafetyTest {

    private static final IOException PRIMARY_DOWN = new IOException("primary down");
    private static final String PHARMACIST =
            "Drug-interaction check unavailable: do not prescribe without a pharmacist's manual check";

    private final ManualClock clock = ManualClock.create();

    @Test
    void prescriptiveCallsNeverGetCachedDataEvenWhenTheCacheHoldsAFreshValue() {
        CountingCache<String> cache = new CountingCache<>();
        CallContext prescriptive = CallContext.of(OperationType.PRESCRIPTIVE, Criticality.HIGH).withCacheKey("patient-7");
        cache.put("patient-7", "no interactions", clock.instant());
        cache.puts.set(0);
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .cached(cache, Duration.ofMinutes(10))
                .guidance(PHARMACIST)
                .build();

        fallback.onPrimarySuccess(prescriptive, "no interactions");

        assertThatThrownBy(() -> fallback.serve(prescriptive, PRIMARY_DOWN))
                .isInstanceOfSatisfying(FallbackFailedException.class, e -> {
                    assertThat(e.guidance()).isEqualTo(PHARMACIST);
                    assertThat(e.category()).isEqualTo(ErrorCategory.REJECTED);
                    assertThat(e.attempts()).singleElement().satisfies(attempt -> {
                        assertThat(attempt.outcome()).isEqualTo(TierAttempt.Outcome.DENIED);
                        assertThat(attempt.decision().rule()).isEqualTo("prescriptive-no-cached-data");
                    });
                });
        assertThat(cache.gets).as("the cache was never even read").hasValue(0);
        assertThat(cache.puts).as("results that may never be served are not stored").hasValue(0);
    }

    @Test
    void prescriptiveCallsStillGetAnAlternativeProvider() {
        CountingCache<String> cache = new CountingCache<>();
        CallContext prescriptive = CallContext.of(OperationType.PRESCRIPTIVE, Criticality.HIGH).withCacheKey("p");
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .cached(cache, Duration.ofMinutes(10))
                .alternative("second-vendor", () -> "checked by vendor 2")
                .build();

        Served<String> served = fallback.serve(prescriptive, PRIMARY_DOWN);

        assertThat(served.tier()).isEqualTo("second-vendor");
        assertThat(cache.gets).hasValue(0);
    }

    @Test
    void lifeCriticalCallsGetNoFallbackAtAllAndFailWithGuidance() {
        CountingSupplier<String> alternative = CountingSupplier.answering("alt");
        CountingSupplier<String> degraded = CountingSupplier.answering("degraded");
        CountingCache<String> cache = new CountingCache<>();
        CallContext lifeCritical = CallContext.of(OperationType.INFORMATIONAL, Criticality.LIFE_CRITICAL).withCacheKey("k");
        cache.put("k", "cached", clock.instant());
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .alternative("alt", alternative)
                .cached(cache, Duration.ofHours(1))
                .degraded("degraded", degraded)
                .staticValue("canned", "static")
                .guidance(PHARMACIST)
                .build();

        assertThatThrownBy(() -> fallback.serve(lifeCritical, PRIMARY_DOWN))
                .isInstanceOfSatisfying(FallbackFailedException.class, e -> {
                    assertThat(e.guidance()).isEqualTo(PHARMACIST);
                    assertThat(e.getMessage()).contains("the safety policy allows no fallback", PHARMACIST);
                    assertThat(e.category()).isEqualTo(ErrorCategory.REJECTED);
                    assertThat(e.refusedByPolicy()).isTrue();
                    assertThat(e.getCause()).isSameAs(PRIMARY_DOWN);
                    assertThat(e.attempts()).hasSize(4).allSatisfy(attempt -> {
                        assertThat(attempt.invoked()).isFalse();
                        assertThat(attempt.decision().rule()).isEqualTo("life-critical-no-fallback");
                    });
                });
        assertThat(alternative.calls).hasValue(0);
        assertThat(degraded.calls).hasValue(0);
        assertThat(cache.gets).hasValue(0);
    }

    @Test
    void lifeCriticalFailureIsARefusalEvenWithoutTiers() {
        Fallback<String> fallback = Fallback.<String>builder(clock).guidance(PHARMACIST).build();
        CallContext lifeCritical = CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LIFE_CRITICAL);

        assertThatThrownBy(() -> fallback.serve(lifeCritical, PRIMARY_DOWN))
                .isInstanceOfSatisfying(FallbackFailedException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.REJECTED);
                    assertThat(e.guidance()).isEqualTo(PHARMACIST);
                });
    }

    @Test
    void diagnosticCallsSkipTiersWithoutAnIntegrityCheck() {
        CountingSupplier<Double> unchecked = CountingSupplier.answering(0.99);
        CallContext diagnostic = CallContext.of(OperationType.DIAGNOSTIC, Criticality.HIGH);
        Fallback<Double> fallback = Fallback.<Double>builder(clock)
                .alternative("unchecked", unchecked)
                .degraded("checked", () -> 0.8).validatedBy("confidence>0.7", c -> c > 0.7)
                .build();

        Served<Double> served = fallback.serve(diagnostic, PRIMARY_DOWN);

        assertThat(served.tier()).isEqualTo("checked");
        assertThat(unchecked.calls).hasValue(0);
        assertThat(served.warnings()).anyMatch(w -> w.contains("unchecked") && w.contains("DENIED")
                && w.contains("has no integrity check"));
    }

    @Test
    void diagnosticPrimaryResultWithoutACheckIsRejected() {
        List<SafetyDecision> decisions = new ArrayList<>();
        Fallback<Double> unchecked = Fallback.<Double>builder(clock).onDecision(decisions::add).build();
        Fallback<Double> checked = Fallback.<Double>builder(clock).validatePrimary("confidence>0.7", c -> c > 0.7).build();
        CallContext diagnostic = CallContext.of(OperationType.DIAGNOSTIC, Criticality.MEDIUM);

        assertThat(unchecked.acceptsPrimary(diagnostic, 0.99)).isFalse();
        assertThat(unchecked.acceptsPrimary(CallContext.DEFAULT, 0.99)).isTrue();
        assertThat(checked.acceptsPrimary(diagnostic, 0.99)).isTrue();
        assertThat(checked.acceptsPrimary(diagnostic, 0.5)).isFalse();
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.denied()).isTrue();
            assertThat(d.tierKind()).isEqualTo(TierKind.PRIMARY);
            assertThat(d.rule()).isEqualTo("diagnostic-integrity-check");
        });
    }

    @Test
    void diagnosticResultsAreNotCachedWhenTheCachedTierHasNoCheck() {
        CountingCache<Double> cache = new CountingCache<>();
        Fallback<Double> fallback = Fallback.<Double>builder(clock).cached(cache, Duration.ofMinutes(10)).build();

        fallback.onPrimarySuccess(CallContext.of(OperationType.DIAGNOSTIC, Criticality.LOW).withCacheKey("k"), 0.9);
        fallback.onPrimarySuccess(CallContext.of(OperationType.INFORMATIONAL, Criticality.LOW).withCacheKey("k"), 0.9);

        assertThat(cache.puts).hasValue(1);
    }

    @Test
    void imagingAnalysisFallsBackToAlternativeThenStaleCacheThenManualReview() {
        CallContext imaging = CallContext.of(OperationType.DIAGNOSTIC, Criticality.HIGH).withCacheKey("study-9");
        boolean[] alternativeUp = {true};
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .validatePrimary("complete", r -> !r.isBlank())
                .alternative("vendor-b", () -> {
                    if (!alternativeUp[0]) {
                        throw new IOException("vendor-b down");
                    }
                    return "analysis by b";
                }).validatedBy("complete", r -> !r.isBlank())
                .cached(ResultCache.inMemory(100), Duration.ofMinutes(10)).validatedBy("complete", r -> !r.isBlank())
                .degraded("manual-review", () -> "queued for manual review").validatedBy("queued", r -> r.startsWith("queued"))
                .build();
        fallback.onPrimarySuccess(imaging, "analysis by a");

        assertThat(fallback.serve(imaging, PRIMARY_DOWN).tier()).isEqualTo("vendor-b");
        alternativeUp[0] = false;
        clock.advance(Duration.ofMinutes(4));
        Served<String> stale = fallback.serve(imaging, PRIMARY_DOWN);
        assertThat(stale.value()).isEqualTo("analysis by a");
        assertThat(stale.warnings().get(0)).isEqualTo("served from cache, 4m old (max 10m)");
        clock.advance(Duration.ofMinutes(7));
        assertThat(fallback.serve(imaging, PRIMARY_DOWN).value()).isEqualTo("queued for manual review");
    }

    @Test
    void everyDecisionIsObservableWithItsRuleAndCountedByThePolicy() {
        List<SafetyDecision> seen = new ArrayList<>();
        SafetyPolicy policy = SafetyPolicy.defaults();
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .cached(ResultCache.inMemory(10), Duration.ofMinutes(10))
                .alternative("b", () -> "b")
                .safetyPolicy(policy)
                .onDecision(seen::add)
                .build();

        fallback.serve(CallContext.of(OperationType.PRESCRIPTIVE, Criticality.MEDIUM).withCacheKey("k"), PRIMARY_DOWN);

        assertThat(seen).extracting(SafetyDecision::tierName, SafetyDecision::allowed, SafetyDecision::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cache", false, "prescriptive-no-cached-data"),
                        org.assertj.core.groups.Tuple.tuple("b", true, SafetyPolicy.NO_RULE));
        assertThat(policy.decisions().get("prescriptive-no-cached-data")).isEqualTo(new DecisionCount(0, 1));
        assertThat(policy.decisions().get(SafetyPolicy.NO_RULE)).isEqualTo(new DecisionCount(1, 0));
        assertThat(fallback.policy()).isSameAs(policy);
    }
}
