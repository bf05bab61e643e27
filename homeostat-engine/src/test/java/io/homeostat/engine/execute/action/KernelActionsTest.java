package io.homeostat.engine.execute.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.GuardConfig;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.degrade.Degradation;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.core.degrade.FeatureToggles;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelActionsTest {

    private final ManualClock clock = ManualClock.create();
    private final GuardRegistry guards = GuardRegistry.builder().clock(clock)
            .config("llm", GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.consecutiveFailures(2)).build()).build();
    private final ProviderRoute llm = ProviderRoute.of("llm", List.of("llm:openai", "llm:anthropic"));
    private final ProviderRoute db = ProviderRoute.of("db", List.of("db:primary"));
    private final Degradation degradation = Degradation.create(clock);
    private final FeatureToggles toggles = FeatureToggles.create(degradation, clock).register("search", DegradationLevel.REDUCED);
    private final KernelControl control = KernelControl.builder().guards(guards).route(llm).route(db)
            .degradation(degradation).toggles(toggles).build();

    @Test
    void failoverFindsTheRouteByTheFailingProviderAndRollsBack() {
        FailoverAction failover = new FailoverAction(control, List.of(llm, db));
        ActionRequest request = Requests.on("llm:openai", Map.of());

        assertThat(failover.unmetPrerequisite(request)).isEmpty();
        ActionResult result = failover.run(request);
        assertThat(llm.current()).isEqualTo("llm:anthropic");
        failover.rollback(request, result);
        assertThat(llm.current()).isEqualTo("llm:openai");
        assertThat(failover.risk(Map.of())).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void failoverWithoutAReplicaIsAnUnmetPrerequisite() {
        FailoverAction failover = new FailoverAction(control, List.of(llm, db));
        assertThat(failover.unmetPrerequisite(Requests.on("db:primary", Map.of())))
                .hasValueSatisfying(why -> assertThat(why).contains("no provider after db:primary"));
        assertThat(failover.unmetPrerequisite(Requests.on("cache:x", Map.of()))).isPresent();
    }

    @Test
    void aSecondOutageFailsBackToTheRecoveredProviderAndOnwardAgain() {
        ProviderRoute reads = ProviderRoute.of("reads", List.of("db:primary", "db:replica"));
        KernelControl withReads = KernelControl.builder().guards(guards).route(reads).build();
        FailoverAction failover = new FailoverAction(withReads, List.of(reads));

        ActionResult first = failover.run(Requests.on("db:primary", Map.of()));
        assertThat(reads.current()).isEqualTo("db:replica");
        assertThat(first.detail()).isEqualTo("route reads moved from db:primary to db:replica");

        assertThat(failover.unmetPrerequisite(Requests.on("db:primary", Map.of())))
                .as("the primary fails again while the reads are on the replica: said as it is")
                .hasValueSatisfying(why -> assertThat(why).isEqualTo(
                        "route reads already moved from db:primary to db:replica: db:primary is not in use, "
                                + "nothing to fail over").doesNotContain("no route"));

        ActionRequest replicaDown = Requests.on("db:replica", Map.of());
        assertThat(failover.unmetPrerequisite(replicaDown)).isEmpty();
        failover.run(replicaDown);
        assertThat(reads.current()).as("fails back to the primary").isEqualTo("db:primary");

        ActionRequest primaryAgain = Requests.on("db:primary", Map.of());
        assertThat(failover.unmetPrerequisite(primaryAgain)).as("a second outage of the primary").isEmpty();
        failover.run(primaryAgain);
        assertThat(reads.current()).isEqualTo("db:replica");
    }

    @Test
    void failoverSkipsAProviderWhoseCircuitIsOpenAndSaysSoWhenNoneIsHealthy() {
        ProviderRoute three = ProviderRoute.of("llm3", List.of("llm:openai", "llm:anthropic", "llm:gemini"));
        KernelControl withThree = KernelControl.builder().guards(guards).route(three).build();
        FailoverAction failover = new FailoverAction(withThree, List.of(three));
        guards.guard("llm:anthropic");
        guards.guard("llm:openai");
        withThree.openCircuit("llm:anthropic", "test: anthropic is down too");

        failover.run(Requests.on("llm:openai", Map.of()));
        assertThat(three.current()).isEqualTo("llm:gemini");

        withThree.openCircuit("llm:openai", "test: still down");
        assertThat(failover.unmetPrerequisite(Requests.on("llm:gemini", Map.of())))
                .hasValueSatisfying(why -> assertThat(why).contains("no healthy provider besides llm:gemini"));
        assertThatThrownBy(() -> failover.run(Requests.on("llm:gemini", Map.of())))
                .isInstanceOf(ActionFailedException.class);
        assertThat(three.current()).isEqualTo("llm:gemini");
    }

    @Test
    void circuitActionsOpenResetAndRestore() {
        guards.guard("llm:openai");
        CircuitAction open = CircuitAction.open(control);
        ActionRequest request = Requests.on("llm:openai", Map.of());

        ActionResult opened = open.run(request);
        assertThat(control.circuitState("llm:openai")).contains(CircuitState.FORCED_OPEN);
        open.rollback(request, opened);
        assertThat(control.circuitState("llm:openai")).contains(CircuitState.CLOSED);
        assertThat(CircuitAction.reset(control).unmetPrerequisite(Requests.on("nobody", Map.of()))).isPresent();
    }

    @Test
    void degradationAndFeatureToggleUndoToWhatWasThere() {
        DegradationAction degrade = new DegradationAction(control);
        ActionRequest toEssential = Requests.on("shop", Map.of("level", "essential"));
        ActionResult degraded = degrade.run(toEssential);
        assertThat(degradation.level()).isEqualTo(DegradationLevel.ESSENTIAL);
        degrade.rollback(toEssential, degraded);
        assertThat(degradation.level()).isEqualTo(DegradationLevel.FULL);
        assertThat(degrade.risk(Map.of("level", "maintenance"))).isEqualTo(RiskLevel.HIGH);
        assertThatThrownBy(() -> degrade.run(Requests.on("shop", Map.of("level", "half"))))
                .isInstanceOf(ActionFailedException.class);

        FeatureToggleAction toggle = new FeatureToggleAction(control);
        ActionRequest off = Requests.on("shop", Map.of("feature", "search", "enabled", "false"));
        ActionResult toggled = toggle.run(off);
        assertThat(toggles.isEnabled("search")).isFalse();
        toggle.rollback(off, toggled);
        assertThat(toggles.override("search")).isEmpty();
        assertThat(toggles.isEnabled("search")).isTrue();
    }

    @Test
    void degradationToggleAndAlertRefuseParametersTheyCouldNeverRunWith() {
        DegradationAction degrade = new DegradationAction(control);
        assertThat(degrade.invalidParams(Map.of("level", "Essential"))).isEmpty();
        assertThat(degrade.invalidParams(Map.of("level", "sideways"))).hasValue("level: unknown degradation level "
                + "'sideways'; one of [full, reduced, essential, read_only, maintenance]");
        assertThat(degrade.invalidParams(Map.of())).hasValueSatisfying(why -> assertThat(why).startsWith("level: missing"));

        FeatureToggleAction toggle = new FeatureToggleAction(control);
        assertThat(toggle.invalidParams(Map.of("feature", "search", "enabled", "TRUE"))).isEmpty();
        assertThat(toggle.invalidParams(Map.of("feature", "search", "enabled", "maybe")))
                .hasValue("enabled: must be true or false, was 'maybe' (yes/no and on/off are read as true/false too)");
        assertThat(toggle.invalidParams(Map.of("enabled", "true"))).hasValueSatisfying(why -> assertThat(why).startsWith("feature: missing"));

        AlertAction alert = new AlertAction(notice -> { });
        assertThat(alert.invalidParams(Map.of("severity", "critical", "message", "x"))).isEmpty();
        assertThat(alert.invalidParams(Map.of())).isEmpty();
        assertThat(alert.invalidParams(Map.of("severity", "urgent"))).hasValueSatisfying(why -> assertThat(why)
                .startsWith("severity: unknown severity 'urgent'"));
        assertThat(new FailoverAction(control, List.of(llm)).invalidParams(Map.of("anything", "goes")))
                .as("the default takes any").isEmpty();
    }

    @Test
    void theToggleTakesYesNoAndOnOffInAnyCaseAsEveryYesOrNoSettingOfTheFile() {
        FeatureToggleAction toggle = new FeatureToggleAction(control);
        for (String word : List.of("yes", "No", "ON", "off", "True", "FALSE")) {
            assertThat(toggle.invalidParams(Map.of("feature", "search", "enabled", word))).as(word).isEmpty();
        }

        toggle.run(Requests.on("shop", Map.of("feature", "search", "enabled", "no")));
        assertThat(toggles.isEnabled("search")).isFalse();
        toggle.run(Requests.on("shop", Map.of("feature", "search", "enabled", "On")));
        assertThat(toggles.isEnabled("search")).isTrue();
        assertThatThrownBy(() -> toggle.run(Requests.on("shop", Map.of("feature", "search", "enabled", "maybe"))))
                .isInstanceOf(ActionFailedException.class).hasMessageContaining("'maybe'");
    }

    @Test
    void poolResetSoftEvictsARegisteredPool() {
        java.util.concurrent.atomic.AtomicInteger evictions = new java.util.concurrent.atomic.AtomicInteger();
        KernelControl withPool = KernelControl.builder().pool("db:orders", () -> {
            evictions.incrementAndGet();
            return 4;
        }).build();
        PoolResetAction reset = new PoolResetAction(withPool);

        assertThat(reset.unmetPrerequisite(Requests.on("db:orders", Map.of()))).isEmpty();
        assertThat(reset.run(Requests.on("db:orders", Map.of())).detail()).contains("4 idle");
        assertThat(evictions).hasValue(1);
        assertThat(reset.unmetPrerequisite(Requests.on("db:other", Map.of()))).isPresent();
    }

    @Test
    void gcReportsTheHeapBeforeAndAfter() {
        ActionResult result = new GcAction().run(Requests.on("shop", Map.of()));
        assertThat(Long.parseLong(result.undo().get("heapBefore"))).isPositive();
        assertThat(result.undo()).containsKey("heapAfter");
    }
}
