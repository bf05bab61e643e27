package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.GuardRegistry;
import io.homeostat.core.control.KernelControl;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.GuardMetricSource;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.UpstreamCause;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The loop tells its escalation port when an incident resolves, so escalation stops following it. */
class EscalationLearnsOfResolutionTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final GuardRegistry guards = GuardRegistry.builder().clock(clock).signalBus(bus).build();
    private final KernelControl control = KernelControl.builder().guards(guards).build();
    private final List<String> resolved = new CopyOnWriteArrayList<>();

    private final Escalation recording = new Escalation() {
        @Override
        public EscalationDecision escalate(EscalationRequest request) {
            throw new AssertionError("nothing should escalate here: " + request);
        }

        @Override
        public void resolved(String incidentId, String who) {
            resolved.add(incidentId + " by " + who);
        }

        @Override
        public Optional<UpstreamCause> upstreamCause(String service) {
            return Optional.empty();
        }
    };

    @Test
    void anIncidentResolvedByAPersonIsResolvedInEscalation() {
        ControlLoop loop = ControlLoop.builder().clock(clock).bus(bus).incidents(new InMemoryIncidentStore())
                .runs(new InMemoryWorkflowStore()).audit(new InMemoryAuditLog())
                .effectiveness(new InMemoryEffectivenessStore()).escalation(recording)
                .actions(StandardActions.catalog(control, List.of(), n -> { }, List.of(), List.of(), clock, List.of()))
                .metrics(new GuardMetricSource(guards, List.of())).build();
        Incident incident = loop.incidents().observe(new Detection("d-1", "threshold", Detection.Kind.THRESHOLD,
                Detection.Status.FIRING, new SeriesKey("payments", "error.rate"), "errors", "error-rate-high",
                Severity.MEDIUM, 0.9, "error rate 40 % over 5 %", Map.of(), clock.instant())).orElseThrow();
        assertThat(resolved).isEmpty();

        loop.incidents().resolve(incident.id(), "alice", "fixed by hand");

        assertThat(resolved).containsExactly(incident.id() + " by alice");
        loop.close();
    }
}
