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
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.execute.CircuitTriggerCheck;
import io.homeostat.engine.execute.GuardMetricSource;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.port.DiagnosisStore;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import io.homeostat.engine.port.memory.InMemoryDiagnosisStore;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The loop saves each diagnosis it makes in its {@link DiagnosisStore} (issue 4), and a failing store does not stop recovery. */
class DiagnosesAreSavedTest {

    private final LlmProviders providers = new LlmProviders();
    private final ManualClock clock = providers.clock;
    private final InProcessSignalBus bus = providers.bus;
    private final GuardRegistry guards = providers.guards;
    private final ProviderRoute llm = providers.llm;
    private final AtomicBoolean openaiDown = new AtomicBoolean();
    private final KernelControl control = KernelControl.builder().guards(guards).route(llm).build();
    private final InMemoryWorkflowStore runs = new InMemoryWorkflowStore();

    private ControlLoop loop(DiagnosisStore diagnoses) {
        return ControlLoop.builder().clock(clock).bus(bus).incidents(new InMemoryIncidentStore()).runs(runs)
                .audit(new InMemoryAuditLog()).effectiveness(new InMemoryEffectivenessStore())
                .escalation(LogEscalation.to(m -> { }))
                .actions(StandardActions.catalog(control, List.of(llm), n -> { }, List.of(), List.of(), clock, List.of()))
                .metrics(new GuardMetricSource(guards, List.of(llm))).settle(Duration.ZERO)
                .recovery(b -> b.triggerCheck(new CircuitTriggerCheck(control))).diagnoses(diagnoses).build();
    }

    private void breakOpenai() {
        openaiDown.set(true);
        for (int i = 0; i < 5; i++) {
            Guard guard = guards.guard(llm.current());
            catchThrowable(() -> guard.call(() -> {
                if (openaiDown.get()) {
                    throw new IOException("503 from openai");
                }
                return "answer";
            }));
        }
        bus.drain();
    }

    @Test
    void eachDiagnosisIsSavedWithItsIncident() {
        InMemoryDiagnosisStore diagnoses = new InMemoryDiagnosisStore();
        ControlLoop loop = loop(diagnoses);
        breakOpenai();
        Incident incident = loop.incidents().active().getFirst();
        assertThat(diagnoses.byIncident(incident.id())).isEmpty();

        loop.tick();

        Diagnosis made = loop.diagnosis().latest(incident.id()).orElseThrow();
        assertThat(diagnoses.byIncident(incident.id())).containsExactly(made);
        assertThat(diagnoses.latest(incident.id())).contains(made);
    }

    @Test
    void aStoreThatFailsIsCountedAndRecoveryStillStarts() {
        DiagnosisStore down = new DiagnosisStore() {
            @Override
            public void save(Diagnosis diagnosis) {
                throw new StoreUnavailableException("database unreachable", null);
            }

            @Override
            public List<Diagnosis> byIncident(String incidentId) {
                return List.of();
            }

            @Override
            public Optional<Diagnosis> latest(String incidentId) {
                return Optional.empty();
            }

            @Override
            public List<Diagnosis> recent(Instant since, int limit) {
                return List.of();
            }
        };
        ControlLoop loop = loop(down);
        breakOpenai();

        loop.tick();

        assertThat(loop.diagnosis().failures()).isEqualTo(1);
        assertThat(runs.active()).hasSize(1);
    }
}
