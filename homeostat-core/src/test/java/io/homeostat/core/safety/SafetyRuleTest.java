package io.homeostat.core.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import io.homeostat.core.fallback.TierKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SafetyRuleTest {

    @Test
    void denyCoversEveryFallbackTierButNotThePrimary() {
        SafetyRule rule = SafetyRule.deny("r", "because");

        assertThat(rule.tiers()).doesNotContain(TierKind.PRIMARY).hasSize(TierKind.values().length - 1);
        assertThat(rule.covers(CallContext.DEFAULT, TierKind.STATIC)).isTrue();
        assertThat(rule.covers(CallContext.DEFAULT, TierKind.PRIMARY)).isFalse();
    }

    @Test
    void narrowingLimitsWhatTheRuleCovers() {
        SafetyRule rule = SafetyRule.requireIntegrityCheck("r", "because")
                .forOperations(OperationType.DIAGNOSTIC, OperationType.PRESCRIPTIVE)
                .forCriticalities(Criticality.HIGH)
                .forTiers(TierKind.CACHED);

        assertThat(rule.covers(CallContext.of(OperationType.PRESCRIPTIVE, Criticality.HIGH), TierKind.CACHED)).isTrue();
        assertThat(rule.covers(CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LOW), TierKind.CACHED)).isFalse();
        assertThat(rule.covers(CallContext.of(OperationType.ADMINISTRATIVE, Criticality.HIGH), TierKind.CACHED)).isFalse();
        assertThat(rule.covers(CallContext.of(OperationType.DIAGNOSTIC, Criticality.HIGH), TierKind.STATIC)).isFalse();
    }

    @Test
    void rejectsRulesThatCoverNothingOrDenyThePrimary() {
        assertThatThrownBy(() -> SafetyRule.deny("r", "x").forTiers(TierKind.PRIMARY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("denies the PRIMARY tier");
        assertThatThrownBy(() -> new SafetyRule("r", SafetyRule.Effect.DENY, Set.of(), Set.of(Criticality.LOW),
                Set.of(TierKind.CACHED), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("covers nothing");
        assertThatThrownBy(() -> SafetyRule.deny(" ", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SafetyRule.deny("r", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rulesAreImmutable() {
        SafetyRule rule = SafetyRule.deny("r", "x");

        assertThatThrownBy(() -> rule.tiers().add(TierKind.PRIMARY)).isInstanceOf(UnsupportedOperationException.class);
    }
}
