package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.execute.AuditEntry;
import io.homeostat.engine.execute.EscalationPortSink;
import io.homeostat.engine.execute.RecoveryOrchestrator;
import io.homeostat.engine.execute.RecoveryTrigger;
import io.homeostat.engine.execute.TestActions;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.plan.WorkflowReader;
import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.EscalationTrigger;
import io.homeostat.engine.port.UpstreamCause;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Issue 5: three failed recovery attempts for one incident escalate; fewer try again after the cooldown. */
class ThreeFailedAttemptsTest {

    private static final String WORKFLOWS = """
            workflows:
              - name: clear-cache
                trigger: [error_threshold]
                services: ["*"]
                timeout: 5m
                steps:
                  - name: clear
                    action: clear
                    success:
                      - {metric: error_rate, below: 0.01, for: 10s}
                    timeout: 30s
            """;

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    private final IncidentTracker tracker = IncidentTracker.builder(incidents).clock(clock).build();
    private final List<EscalationRequest> requests = new CopyOnWriteArrayList<>();
    private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    private final List<String> cleared = new CopyOnWriteArrayList<>();
    private final Escalation port = new Escalation() {
        @Override
        public EscalationDecision escalate(EscalationRequest request) {
            requests.add(request);
            return request.failedAttempts() >= 3 ? new EscalationDecision(true, 1, "dave", "paged")
                    : EscalationDecision.declined(request.failedAttempts() + " failed attempts, below 3");
        }

        @Override
        public void resolved(String incidentId, String who) {
        }

        @Override
        public Optional<UpstreamCause> upstreamCause(String service) {
            return Optional.empty();
        }
    };
    private final Action clear = TestActions.of("clear", RiskLevel.LOW, request -> {
        cleared.add(request.runId());
        return ActionResult.of("cleared");
    });

    private RecoveryOrchestrator orchestrator(int attempts) {
        return RecoveryOrchestrator.builder().store(new InMemoryWorkflowStore())
                .workflows(WorkflowCatalog.of(WorkflowReader.read("test.yaml", WORKFLOWS)))
                .actions(ActionCatalog.of(List.of(clear))).tracker(tracker).clock(clock).audit(audit::add)
                .escalation(new EscalationPortSink(port)).attempts(attempts)
                .metrics((service, metric) -> OptionalDouble.of(0.4)).build();
    }

    private Incident incident() {
        return tracker.observe(new Detection("d1", "threshold", Detection.Kind.THRESHOLD, Detection.Status.FIRING,
                new SeriesKey("orders", "error.rate"), "errors", "error-rate", Severity.HIGH, 0.9, "errors on orders",
                Map.of(), clock.instant())).orElseThrow();
    }

    private IncidentStatus status(Incident incident) {
        return incidents.find(incident.id()).orElseThrow().status();
    }

    private void run(RecoveryOrchestrator orchestrator, Duration total) {
        for (Duration t = Duration.ZERO; t.compareTo(total) < 0; t = t.plusSeconds(5)) {
            clock.advance(Duration.ofSeconds(5));
            orchestrator.tick();
        }
    }

    @Test
    void anIncidentIsTriedThreeTimesThenEscalatedWithTheCountOfFailedAttempts() {
        RecoveryOrchestrator orchestrator = orchestrator(3);
        Incident incident = incident();
        orchestrator.recover(new RecoveryTrigger(incident.id(), TriggerType.ERROR_THRESHOLD, "orders", "errors"));

        run(orchestrator, Duration.ofMinutes(1));
        assertThat(cleared).hasSize(1);
        assertThat(status(incident)).as("one failure: diagnosed again, not escalated").isEqualTo(IncidentStatus.DIAGNOSED);

        run(orchestrator, Duration.ofMinutes(5));
        assertThat(cleared).as("tried again once the cooldown passed").hasSize(2);
        assertThat(status(incident)).isEqualTo(IncidentStatus.DIAGNOSED);

        run(orchestrator, Duration.ofMinutes(6));
        assertThat(cleared).hasSize(3);
        assertThat(status(incident)).isEqualTo(IncidentStatus.ESCALATED);
        assertThat(requests).extracting(EscalationRequest::trigger).containsOnly(EscalationTrigger.RECOVERY_FAILED);
        assertThat(requests).extracting(EscalationRequest::failedAttempts).containsExactly(1, 2, 3);
        assertThat(audit).filteredOn(a -> a.decision().equals("run.retry")).hasSize(2);

        run(orchestrator, Duration.ofMinutes(10));
        assertThat(cleared).as("no fourth attempt").hasSize(3);
    }

    @Test
    void byDefaultTheFirstFailedRunEscalates() {
        RecoveryOrchestrator orchestrator = orchestrator(1);
        Incident incident = incident();
        orchestrator.recover(new RecoveryTrigger(incident.id(), TriggerType.ERROR_THRESHOLD, "orders", "errors"));

        run(orchestrator, Duration.ofMinutes(10));

        assertThat(cleared).hasSize(1);
        assertThat(status(incident)).isEqualTo(IncidentStatus.ESCALATED);
    }
}
