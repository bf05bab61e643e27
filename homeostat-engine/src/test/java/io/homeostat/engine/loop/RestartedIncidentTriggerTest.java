package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.homeostat.core.Guard;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.LogEscalation;
import io.homeostat.engine.execute.CircuitTriggerCheck;
import io.homeostat.engine.execute.GuardMetricSource;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An incident opened before a restart is recovered for the detection that opened it: the loop
 * that opened it keeps its trigger in memory, the next one reads it from the incident's timeline
 * (QA saw such incidents treated as manual, so no workflow was chosen and they were escalated).
 */
class RestartedIncidentTriggerTest {

    private final LlmProviders providers = new LlmProviders();
    private final ManualClock clock = providers.clock;
    private final InProcessSignalBus bus = providers.bus;
    private final GuardRegistry guards = providers.guards;
    private final ProviderRoute llm = providers.llm;
    private final KernelControl control = KernelControl.builder().guards(guards).route(llm).build();
    private final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    private final InMemoryWorkflowStore runs = new InMemoryWorkflowStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final List<String> escalated = new CopyOnWriteArrayList<>();

    private ControlLoop loop(Duration settle) {
        return ControlLoop.builder().clock(clock).bus(bus).incidents(incidents).runs(runs).audit(audit)
                .effectiveness(new InMemoryEffectivenessStore()).escalation(LogEscalation.to(escalated::add))
                .actions(StandardActions.catalog(control, List.of(llm), n -> { }, List.of(), List.of(), clock, List.of()))
                .metrics(new GuardMetricSource(guards, List.of(llm))).settle(settle)
                .recovery(b -> b.triggerCheck(new CircuitTriggerCheck(control))).build();
    }

    @Test
    void anIncidentOpenedBeforeARestartIsRecoveredForTheDetectionThatOpenedIt() {
        String id;
        try (ControlLoop before = loop(Duration.ofHours(1))) {
            Guard openai = guards.guard("llm:openai");
            for (int i = 0; i < 3; i++) {
                catchThrowable(() -> openai.call(() -> {
                    throw new IOException("503 from openai");
                }));
            }
            bus.drain();
            Incident opened = before.incidents().active().getFirst();
            id = opened.id();
            before.tick(); // not settled yet: no diagnosis, no run before the restart
            assertThat(runs.active()).isEmpty();
        }

        try (ControlLoop after = loop(Duration.ZERO)) {
            assertThat(after.incidents().active()).extracting(Incident::id).containsExactly(id);
            after.tick();

            assertThat(runs.active()).singleElement().satisfies(run -> {
                assertThat(run.incidentId()).isEqualTo(id);
                assertThat(run.trigger()).isEqualTo(TriggerType.CIRCUIT_OPEN);
            });
            assertThat(escalated).noneMatch(m -> m.contains("MANUAL"));
        }
    }
}
