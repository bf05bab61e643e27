package io.homeostat.engine.execute;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.plan.WorkflowReader;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A recovery set-up for tests: a manual clock, an incident tracker and a workflow store in memory,
 * metrics set by hand, and hooks that record. {@link #orchestrator()} builds a new orchestrator
 * over the same stores, as a restarted process would.
 */
final class Recovery {

    final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    final InMemoryWorkflowStore runs = new InMemoryWorkflowStore();
    IncidentTracker tracker = IncidentTracker.builder(incidents).clock(clock).build();
    final Map<String, Double> metrics = new ConcurrentHashMap<>();
    final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    final List<EscalationNotice> escalations = new CopyOnWriteArrayList<>();
    final RecoveryFlags flags = new RecoveryFlags();
    final CountingAction low = new CountingAction("low", io.homeostat.engine.plan.RiskLevel.LOW);
    final CountingAction medium = new CountingAction("medium", io.homeostat.engine.plan.RiskLevel.MEDIUM);
    final CountingAction high = new CountingAction("high", io.homeostat.engine.plan.RiskLevel.HIGH);
    final CountingAction warm = new CountingAction("warm", io.homeostat.engine.plan.RiskLevel.LOW,
            java.util.Optional.of(io.homeostat.core.fallback.TierKind.CACHED));
    private final AtomicInteger ids = new AtomicInteger();
    WorkflowCatalog workflows;
    RecoveryPolicy policy = RecoveryPolicy.ofDefaults();
    TriggerCheck triggerCheck = TriggerCheck.INCIDENT_ONLY;
    Fencing fencing = Fencing.NONE;

    Recovery(String workflowsYaml) {
        this.workflows = WorkflowCatalog.of(WorkflowReader.read("test.yaml", workflowsYaml));
    }

    RecoveryOrchestrator orchestrator() {
        return orchestrator(b -> b);
    }

    RecoveryOrchestrator orchestrator(UnaryOperator<RecoveryOrchestratorBuilder> more) {
        return more.apply(RecoveryOrchestrator.builder().store(runs).workflows(workflows)
                .actions(ActionCatalog.of(List.of(low, medium, high, warm))).tracker(tracker)
                .metrics((service, metric) -> {
                    Double v = metrics.get(service + "/" + metric);
                    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
                })
                .clock(clock).policy(policy).flags(flags).triggerCheck(triggerCheck).fencing(fencing)
                .audit(audit::add).escalation(escalations::add)).build();
    }

    /** Opens an incident on {@code service}. */
    Incident incident(String service) {
        Detection d = new Detection("d" + ids.incrementAndGet(), "threshold", Detection.Kind.THRESHOLD,
                Detection.Status.FIRING, new SeriesKey(service, "error_rate"), "errors", "error_rate>limit",
                Severity.HIGH, 0.9, "errors high on " + service, Map.of(), clock.instant());
        return tracker.observe(d).orElseThrow();
    }

    /** The detection of {@link #incident} on {@code service} clears. */
    void cleared(String service) {
        tracker.observe(new Detection("d" + ids.incrementAndGet(), "threshold", Detection.Kind.THRESHOLD,
                Detection.Status.CLEARED, new SeriesKey(service, "error_rate"), "errors", "error_rate>limit",
                Severity.HIGH, 0.9, "errors back to normal on " + service, Map.of(), clock.instant()));
    }

    StartResult recover(RecoveryOrchestrator orchestrator, Incident incident) {
        return orchestrator.recover(new RecoveryTrigger(incident.id(), TriggerType.ERROR_THRESHOLD,
                incident.services().iterator().next(), "errors"));
    }

    /** Advances the clock by {@code step} and ticks, {@code times} times. */
    void run(RecoveryOrchestrator orchestrator, Duration step, int times) {
        for (int i = 0; i < times; i++) {
            clock.advance(step);
            orchestrator.tick();
        }
    }

    List<String> decisions(String runId) {
        return audit.stream().filter(a -> a.runId().equals(runId)).map(AuditEntry::decision).toList();
    }

    List<StepPhase> phases(String runId) {
        return runs.steps(runId).stream().map(StepRecord::phase).toList();
    }
}
