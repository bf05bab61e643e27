package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecoveryApprovalTest {

    private final Recovery r = new Recovery("""
            workflows:
              - name: restart
                trigger: error_threshold
                steps:
                  - {name: restart, action: high}
            """);
    private final RecoveryOrchestrator orchestrator = r.orchestrator();
    private final Incident incident = r.incident("orders");

    private String awaiting() {
        String run = r.recover(orchestrator, incident).runId();
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.AWAITING_APPROVAL);
        assertThat(r.high.runs).isEmpty();
        assertThat(r.escalations).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EscalationNotice.Kind.APPROVAL_NEEDED);
            assertThat(e.message()).contains(run);
        });
        return run;
    }

    @Test
    void aHighRiskStepRunsOnceAPersonApproves() {
        String run = awaiting();
        r.run(orchestrator, Duration.ofMinutes(5), 1);
        assertThat(r.high.runs).as("waiting does not act").isEmpty();

        orchestrator.approve(run, "alice", "go ahead");

        assertThat(r.high.runs).hasSize(1);
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(r.audit).anySatisfy(a -> {
            assertThat(a.decision()).isEqualTo("approval.granted");
            assertThat(a.actor()).isEqualTo("alice");
            assertThat(a.reason()).isEqualTo("go ahead");
        });
    }

    @Test
    void aRejectionEscalatesWithoutActingAndIsAuditedWithThePerson() {
        String run = awaiting();

        orchestrator.reject(run, "bob", "not during the sale");

        assertThat(r.high.runs).isEmpty();
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.ESCALATED);
        assertThat(r.audit).anySatisfy(a -> {
            assertThat(a.decision()).isEqualTo("approval.rejected");
            assertThat(a.actor()).isEqualTo("bob");
        });
        assertThat(r.tracker.active().getFirst().status()).isEqualTo(IncidentStatus.ESCALATED);
        assertThat(r.escalations).as("people hear of the rejection as such, not as a generic hold")
                .filteredOn(e -> e.kind() != EscalationNotice.Kind.APPROVAL_NEEDED).singleElement().satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(EscalationNotice.Kind.APPROVAL_REJECTED);
                    assertThat(e.message()).contains("approval rejected").contains("bob").contains("not during the sale");
                });
    }

    @Test
    void aRunWaitingForApprovalWhoseIncidentResolvedLeavesTheQueueWithoutActing() {
        String run = awaiting();
        r.tracker.resolve(incident.id(), "alice", "fixed by hand");

        r.run(orchestrator, Duration.ofSeconds(1), 1);

        WorkflowRun skipped = r.runs.find(run).orElseThrow();
        assertThat(skipped.phase()).isEqualTo(RunPhase.SKIPPED);
        assertThat(skipped.reason()).isEqualTo("the incident resolved while step restart waited for approval");
        assertThat(r.decisions(run)).contains("run.skipped").doesNotContain("approval.expired");
        assertThat(r.runs.active()).as("no longer in the approvals queue").isEmpty();
        assertThatThrownBy(() -> orchestrator.approve(run, "bob", "late")).isInstanceOf(ApprovalNotPendingException.class);
        assertThat(r.high.runs).isEmpty();
    }

    @Test
    void anApprovalExpiresAndEscalates() {
        String run = awaiting();

        r.run(orchestrator, Duration.ofMinutes(15), 1);

        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.ESCALATED);
        assertThat(r.decisions(run)).contains("approval.expired");
        assertThat(r.escalations).anySatisfy(e -> assertThat(e.kind()).isEqualTo(EscalationNotice.Kind.HELD));
        assertThatThrownBy(() -> orchestrator.approve(run, "alice", "late")).isInstanceOf(ApprovalNotPendingException.class);
        assertThat(r.high.runs).isEmpty();
    }

    @Test
    void anApprovalAfterItsExpiryButBeforeATickIsRefused() {
        String run = awaiting();
        r.clock.advance(Duration.ofMinutes(16));

        assertThatThrownBy(() -> orchestrator.approve(run, "alice", "late")).isInstanceOf(ApprovalNotPendingException.class);
        assertThat(r.high.runs).isEmpty();
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.ESCALATED);
    }
}
