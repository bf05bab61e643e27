package io.homeostat.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.fallback.TierKind;
import io.homeostat.engine.incident.Incident;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 1, every AI provider down at once: the three circuits open, users are served from the
 * cache or the rule-based triage, life-critical requests fail explicitly with guidance, and no
 * request fails without guidance; the loop opens incidents, tries failover, and escalates once
 * nothing it can do helps.
 */
@Timeout(90)
class AiProviderOutageTest {

    private static final long SEED = 8_001L;
    private static final List<String> PROVIDERS = List.of("llm:openai", "llm:deepseek", "llm:gemini");

    @Test
    void everyCircuitOpensUsersAreServedByFallbacksOrGuidanceAndPeopleAreTold() {
        ProviderRoute llm = ProviderRoute.of("llm", PROVIDERS);
        try (ChaosRig rig = ChaosRig.builder().route(llm)
                .config("llm", GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.consecutiveFailures(3)).build())
                .build()) {
            Map<String, Upstream> upstreams = new LinkedHashMap<>();
            PROVIDERS.forEach(p -> upstreams.put(p, new Upstream(p, rig.clock, SEED)));
            Triage triage = new Triage(rig.guards::guard, llm, upstreams, rig.clock, SEED);

            rig.seconds(10, () -> triage.requests(50));
            assertThat(triage.served(TierKind.PRIMARY)).isEqualTo(500);

            upstreams.values().forEach(u -> u.down(true));
            rig.seconds(120, () -> triage.requests(50));

            for (String provider : PROVIDERS) {
                assertThat(rig.control.circuitState(provider)).as(provider).hasValueSatisfying(
                        s -> assertThat(s).isIn(CircuitState.OPEN, CircuitState.HALF_OPEN));
            }
            assertThat(triage.failedWithoutGuidance).as("no user-facing error without guidance").isZero();
            assertThat(triage.safetyViolations).as("safety-policy violations").isZero();
            assertThat(triage.served(TierKind.CACHED)).as("recent answers served stale").isPositive();
            assertThat(triage.served(TierKind.DEGRADED)).as("rule-based triage").isPositive();
            assertThat(triage.refusedByPolicy).as("life-critical requests fail explicitly").isPositive();
            assertThat(triage.failedWithGuidance).isGreaterThanOrEqualTo(triage.refusedByPolicy);

            assertThat(rig.loop.incidents().active()).as("the outage is an incident")
                    .flatExtracting(Incident::services).containsAnyElementsOf(PROVIDERS);
            assertThat(rig.actions.of("failover")).as("failover was tried").isNotEmpty();
            assertThat(rig.escalation.requests).as("with no provider left, people are paged")
                    .anySatisfy(r -> assertThat(r.summary()).contains("failed"));
            assertThat(rig.notices).anySatisfy(n -> assertThat(n.message()).contains("did not help"));

            upstreams.values().forEach(Upstream::heal);
            rig.seconds(120, () -> triage.requests(50));
            Triage after = new Triage(rig.guards::guard, llm, upstreams, rig.clock, SEED + 1);
            rig.seconds(10, () -> after.requests(50));
            assertThat(after.served(TierKind.PRIMARY)).as("providers answer again once they are back").isEqualTo(500);
            assertThat(triage.failedWithoutGuidance + after.failedWithoutGuidance).isZero();
        }
    }
}
