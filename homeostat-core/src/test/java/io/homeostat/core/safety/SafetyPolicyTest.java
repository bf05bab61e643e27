package io.homeostat.core.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import io.homeostat.core.fallback.TierKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SafetyPolicyTest {

    private final SafetyPolicy policy = SafetyPolicy.defaults();

    @Test
    void prescriptiveCallsAreDeniedCachedDataOnly() {
        CallContext prescriptive = CallContext.of(OperationType.PRESCRIPTIVE, Criticality.HIGH);

        SafetyDecision cached = policy.evaluate(prescriptive, TierKind.CACHED, "cache", true);
        SafetyDecision alternative = policy.evaluate(prescriptive, TierKind.ALTERNATIVE, "b", true);

        assertThat(cached.denied()).isTrue();
        assertThat(cached.rule()).isEqualTo("prescriptive-no-cached-data");
        assertThat(alternative.allowed()).isTrue();
        assertThat(alternative.rule()).isEqualTo(SafetyPolicy.NO_RULE);
    }

    @Test
    void lifeCriticalCallsAreDeniedEveryFallbackTier() {
        CallContext lifeCritical = CallContext.of(OperationType.INFORMATIONAL, Criticality.LIFE_CRITICAL);

        for (TierKind kind : List.of(TierKind.ALTERNATIVE, TierKind.CACHED, TierKind.DEGRADED, TierKind.STATIC)) {
            SafetyDecision decision = policy.evaluate(lifeCritical, kind, "t", true);
            assertThat(decision.denied()).as(kind.name()).isTrue();
            assertThat(decision.rule()).isEqualTo("life-critical-no-fallback");
        }
        assertThat(policy.evaluate(lifeCritical, TierKind.PRIMARY, "primary", false).allowed()).isTrue();
    }

    @Test
    void diagnosticCallsNeedAnIntegrityCheckOnEveryTierThePrimaryIncluded() {
        CallContext diagnostic = CallContext.of(OperationType.DIAGNOSTIC, Criticality.MEDIUM);

        SafetyDecision unchecked = policy.evaluate(diagnostic, TierKind.PRIMARY, "primary", false);
        SafetyDecision checked = policy.evaluate(diagnostic, TierKind.DEGRADED, "review", true);

        assertThat(unchecked.denied()).isTrue();
        assertThat(unchecked.rule()).isEqualTo("diagnostic-integrity-check");
        assertThat(unchecked.reason()).contains("has no integrity check");
        assertThat(checked.allowed()).isTrue();
        assertThat(checked.integrityRequired()).isTrue();
        assertThat(policy.requiresIntegrityCheck(diagnostic)).isTrue();
        assertThat(policy.requiresIntegrityCheck(CallContext.DEFAULT)).isFalse();
    }

    @Test
    void threeArgumentEvaluateAssumesNoIntegrityCheck() {
        CallContext diagnostic = CallContext.of(OperationType.DIAGNOSTIC, Criticality.LOW);

        assertThat(policy.evaluate(diagnostic, TierKind.STATIC, "s").denied()).isTrue();
        assertThat(policy.evaluate(CallContext.DEFAULT, TierKind.STATIC, "s").allowed()).isTrue();
    }

    @Test
    void denyRuleWinsOverIntegrityRule() {
        CallContext context = CallContext.of(OperationType.DIAGNOSTIC, Criticality.LIFE_CRITICAL);

        SafetyDecision decision = policy.evaluate(context, TierKind.ALTERNATIVE, "b", true);

        assertThat(decision.denied()).isTrue();
        assertThat(decision.rule()).isEqualTo("life-critical-no-fallback");
    }

    @Test
    void decisionsAreCountedPerRule() {
        policy.evaluate(CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LOW), TierKind.CACHED, "cache");
        policy.evaluate(CallContext.of(OperationType.DIAGNOSTIC, Criticality.LOW), TierKind.CACHED, "cache", true);
        policy.evaluate(CallContext.of(OperationType.DIAGNOSTIC, Criticality.LOW), TierKind.CACHED, "cache", false);
        policy.evaluate(CallContext.DEFAULT, TierKind.CACHED, "cache");

        assertThat(policy.decisions()).containsExactly(
                java.util.Map.entry("prescriptive-no-cached-data", new DecisionCount(0, 1)),
                java.util.Map.entry("life-critical-no-fallback", new DecisionCount(0, 0)),
                java.util.Map.entry("diagnostic-integrity-check", new DecisionCount(1, 1)),
                java.util.Map.entry(SafetyPolicy.NO_RULE, new DecisionCount(1, 0)));
    }

    @Test
    void quietQuestionsAreNotCounted() {
        policy.forbids(CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LOW), TierKind.CACHED);
        policy.requiresIntegrityCheck(CallContext.DEFAULT);

        assertThat(policy.decisions().values()).allMatch(count -> count.total() == 0);
        assertThat(policy.forbids(CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LOW), TierKind.CACHED)).isTrue();
        assertThat(policy.forbids(CallContext.DEFAULT, TierKind.CACHED)).isFalse();
    }

    @Test
    void builderKeepsTheDefaultsAndAddsRulesAfterThem() {
        SafetyRule noStaticForHigh = SafetyRule.deny("no-static-for-high", "no canned answer for high criticality")
                .forCriticalities(Criticality.HIGH)
                .forTiers(TierKind.STATIC);

        SafetyPolicy custom = SafetyPolicy.builder().rule(noStaticForHigh).build();

        assertThat(custom.rules()).containsExactly(SafetyPolicy.PRESCRIPTIVE_NO_CACHED_DATA,
                SafetyPolicy.LIFE_CRITICAL_NO_FALLBACK, SafetyPolicy.DIAGNOSTIC_INTEGRITY_CHECK, noStaticForHigh);
        assertThat(custom.evaluate(CallContext.of(OperationType.INFORMATIONAL, Criticality.HIGH), TierKind.STATIC, "s")
                .rule()).isEqualTo("no-static-for-high");
        assertThat(custom.forbids(CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LOW), TierKind.CACHED)).isTrue();
    }

    @Test
    void aPolicyWithoutDefaultsIsBuiltDeliberatelyAndAllowsWhatNoRuleCovers() {
        SafetyPolicy scratch = SafetyPolicy.builderWithoutDefaults().rule(SafetyPolicy.LIFE_CRITICAL_NO_FALLBACK).build();

        assertThat(scratch.rules()).containsExactly(SafetyPolicy.LIFE_CRITICAL_NO_FALLBACK);
        assertThat(scratch.evaluate(CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LOW), TierKind.CACHED, "c")
                .allowed()).isTrue();
    }

    @Test
    void builderRejectsDuplicateAndReservedRuleNames() {
        assertThatThrownBy(() -> SafetyPolicy.builder().rule(SafetyRule.deny("life-critical-no-fallback", "again")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has a rule named 'life-critical-no-fallback'");
        assertThatThrownBy(() -> SafetyPolicy.builderWithoutDefaults().rule(SafetyRule.deny(SafetyPolicy.NO_RULE, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void countsStayExactUnderConcurrentEvaluation() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                CallContext context = t % 2 == 0
                        ? CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LOW)
                        : CallContext.DEFAULT;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        policy.evaluate(context, TierKind.CACHED, "cache");
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(policy.decisions().get("prescriptive-no-cached-data")).isEqualTo(new DecisionCount(0, 4L * perThread));
        assertThat(policy.decisions().get(SafetyPolicy.NO_RULE)).isEqualTo(new DecisionCount(4L * perThread, 0));
    }
}
