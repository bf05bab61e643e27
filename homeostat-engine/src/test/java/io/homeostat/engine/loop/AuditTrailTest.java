package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.detect.threshold.Operator;
import io.homeostat.engine.detect.threshold.ThresholdRule;
import io.homeostat.engine.execute.AuditEntry;
import io.homeostat.engine.learn.threshold.ThresholdChange;
import io.homeostat.engine.plan.OnFailure;
import io.homeostat.engine.plan.ServiceSelector;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowStep;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.engine.port.IntegrityOutcome;
import io.homeostat.engine.port.UserImpact;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditTrailTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final Workflow prescriptive = new Workflow("db-failover", "", Set.of(TriggerType.CIRCUIT_OPEN),
            ServiceSelector.any(), Set.of(), List.of(WorkflowStep.of("fail-over", "failover", Map.of())), List.of(),
            Duration.ofMinutes(5), 1, CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LIFE_CRITICAL));
    private final AuditTrail trail = AuditTrail.to(log,
            name -> name.equals(prescriptive.name()) ? Optional.of(prescriptive) : Optional.empty());

    private List<AuditRecord> all() {
        return log.query(AuditQuery.between(Instant.EPOCH, clock.instant().plusSeconds(60)));
    }

    @Test
    void aRecoveryDecisionCarriesActorTargetReasonEvidenceAndTheWorkflowsCallContext() {
        trail.record(new AuditEntry(clock.instant(), "alice", "approval.granted", "inc-1", "run-1", "looks safe",
                Map.of("workflow", "db-failover", "step", "fail-over")));

        AuditRecord r = all().getFirst();
        assertThat(r.actor()).isEqualTo("alice");
        assertThat(r.action()).isEqualTo("recovery.approval.granted");
        assertThat(r.target()).isEqualTo("incident:inc-1");
        assertThat(r.reason()).isEqualTo("looks safe");
        assertThat(r.time()).isEqualTo(clock.instant());
        assertThat(r.evidence()).containsEntry("runId", "run-1").containsEntry("incidentId", "inc-1")
                .containsEntry("step", "fail-over");
        assertThat(r.operationType()).contains(OperationType.PRESCRIPTIVE);
        assertThat(r.criticality()).contains(Criticality.LIFE_CRITICAL);
        assertThat(r.notified()).isEmpty();
        assertThat(r.impact()).isEqualTo(UserImpact.NONE);
        assertThat(r.integrity()).isEqualTo(IntegrityOutcome.NOT_CHECKED);
    }

    @Test
    void whoWasToldUserImpactAndIntegrityComeFromTheEvidenceWhenKnown() {
        trail.record(new AuditEntry(clock.instant(), "homeostat", "escalation.critical", "inc-2", "", "paged",
                Map.of(AuditTrail.NOTIFIED, "bob, ops-channel", AuditTrail.IMPACT, "degraded",
                        AuditTrail.INTEGRITY, "passed", "workflow", "unknown-workflow")));

        AuditRecord r = all().getFirst();
        assertThat(r.notified()).containsExactly("bob", "ops-channel");
        assertThat(r.impact()).isEqualTo(UserImpact.DEGRADED);
        assertThat(r.integrity()).isEqualTo(IntegrityOutcome.PASSED);
        assertThat(r.operationType()).as("no such workflow: no call context").isEmpty();
        assertThat(r.evidence()).doesNotContainKey("runId");
    }

    @Test
    void theSameDecisionReplayedIsOneRecordAndADifferentOneIsAnother() {
        AuditEntry entry = new AuditEntry(clock.instant(), "homeostat", "step.acted", "inc-3", "run-3", "failed over",
                Map.of("step", "fail-over", "attempt", "1"));
        trail.record(entry);
        trail.record(entry);
        trail.record(new AuditEntry(clock.instant(), "homeostat", "step.acted", "inc-3", "run-3", "failed over",
                Map.of("step", "fail-over", "attempt", "2")));

        assertThat(all()).hasSize(2);
    }

    @Test
    void aThresholdChangeIsAuditedWithOldAndNewThreshold() {
        ThresholdRule before = new ThresholdRule("error-rate", "orders", "error.rate", Operator.ABOVE, 0.05,
                Duration.ZERO, 0.025, Severity.HIGH, "errors");
        ThresholdRule after = new ThresholdRule("error-rate", "orders", "error.rate", Operator.ABOVE, 0.08,
                Duration.ZERO, 0.04, Severity.HIGH, "errors");
        trail.changed(new ThresholdChange(before, after, "false positives 12 % above target 5 %",
                Map.of("samples", "400"), clock.instant()));

        AuditRecord r = all().getFirst();
        assertThat(r.action()).isEqualTo("threshold.changed");
        assertThat(r.target()).isEqualTo("threshold:error-rate");
        assertThat(r.actor()).isEqualTo("learner");
        assertThat(r.evidence()).containsEntry("oldThreshold", "0.05").containsEntry("newThreshold", "0.08")
                .containsEntry("samples", "400").containsEntry("service", "orders");
    }
}
