package io.homeostat.engine.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.control.KernelControl;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.AuditEntry;
import io.homeostat.engine.execute.EscalationNotice;
import io.homeostat.engine.execute.RecoveryOrchestrator;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.execute.action.AllowedCommand;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.plan.DefaultWorkflows;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped memory-leak workflow with real allow-listed commands: a heap prediction opens an
 * incident, people are told, the service scales out at once (medium risk), and the graceful
 * restart (high risk) waits 60 s and then for a person's approval.
 */
class MemoryLeakRecoveryScenarioTest {

    @TempDir
    Path dir;

    @Test
    void alertsScalesOutAndRestartsAMinuteLaterOnceApproved() throws Exception {
        ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
        IncidentTracker tracker = IncidentTracker.builder(new InMemoryIncidentStore()).clock(clock).build();
        InMemoryWorkflowStore runs = new InMemoryWorkflowStore();
        List<EscalationNotice> notices = new CopyOnWriteArrayList<>();
        List<AuditEntry> audit = new CopyOnWriteArrayList<>();
        Path scaled = dir.resolve("scaled");
        Path restarted = dir.resolve("restarted");
        List<AllowedCommand> commands = List.of(
                new AllowedCommand("scale-up", List.of("/usr/bin/touch", scaled.toString()), RiskLevel.MEDIUM, Duration.ofSeconds(10)),
                new AllowedCommand("graceful-restart", List.of("/usr/bin/touch", restarted.toString()), RiskLevel.HIGH,
                        Duration.ofSeconds(10)));
        RecoveryOrchestrator orchestrator = RecoveryOrchestrator.builder().store(runs)
                .workflows(WorkflowCatalog.of(DefaultWorkflows.load()))
                .actions(StandardActions.catalog(KernelControl.builder().build(), List.of(), notices::add, List.of(),
                        commands, clock, List.of()))
                .tracker(tracker).metrics((service, metric) -> OptionalDouble.empty()).clock(clock).audit(audit::add).escalation(notices::add).build();
        orchestrator.follow(tracker);

        tracker.observe(new Detection("d1", "trend", Detection.Kind.PREDICTION, Detection.Status.FIRING,
                new SeriesKey("orders", "heap.used"), "resource", "trend>0.9", Severity.HIGH, 0.9,
                "memory of orders will reach 90 % in ~8 min", Map.of(), clock.instant()));
        orchestrator.tick();

        WorkflowRun run = runs.active().getFirst();
        assertThat(run.workflow()).isEqualTo("memory-leak");
        assertThat(notices).first().satisfies(n -> assertThat(n.message()).contains("memory of orders is leaking"));
        assertThat(Files.exists(scaled)).isTrue();
        assertThat(Files.exists(restarted)).isFalse();

        clock.advance(Duration.ofSeconds(59));
        orchestrator.tick();
        assertThat(runs.find(run.runId()).orElseThrow().phase()).as("restart waits 60 s").isEqualTo(RunPhase.RUNNING);
        clock.advance(Duration.ofSeconds(1));
        orchestrator.tick();
        assertThat(runs.find(run.runId()).orElseThrow().phase()).isEqualTo(RunPhase.AWAITING_APPROVAL);
        assertThat(notices).anySatisfy(n -> assertThat(n.kind()).isEqualTo(EscalationNotice.Kind.APPROVAL_NEEDED));
        assertThat(Files.exists(restarted)).isFalse();

        orchestrator.approve(run.runId(), "carol", "restart now");

        assertThat(Files.exists(restarted)).isTrue();
        assertThat(runs.find(run.runId()).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(audit).extracting(AuditEntry::decision).containsSubsequence("run.started", "step.acted", "step.acted",
                "approval.requested", "approval.granted", "step.acted", "run.succeeded");
    }
}
