package io.homeostat.engine.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.homeostat.core.Guard;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.AuditEntry;
import io.homeostat.engine.execute.CircuitTriggerCheck;
import io.homeostat.engine.execute.EscalationNotice;
import io.homeostat.engine.execute.GuardMetricSource;
import io.homeostat.engine.execute.RecoveryOrchestrator;
import io.homeostat.engine.execute.RecoveryTrigger;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StartResult;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.plan.DefaultWorkflows;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The loop in one JVM: an AI provider behind a guard fails, its breaker opens, the transition
 * signal becomes a detection and an incident, the shipped ai-provider-failure workflow fails over
 * to the next provider, warms the cache and alerts; recovery is verified on the guards' fresh
 * error rate over 30 s and the incident resolves, with every decision in the audit trail.
 */
class FailoverRecoveryScenarioTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final GuardRegistry guards = GuardRegistry.builder().clock(clock).signalBus(bus)
            .config("llm", GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.consecutiveFailures(3)).build())
            .build();
    private final ProviderRoute llm = ProviderRoute.of("llm", List.of("llm:openai", "llm:anthropic"));
    private final AtomicBoolean openaiDown = new AtomicBoolean();
    private final AtomicInteger warmed = new AtomicInteger();
    private final KernelControl control = KernelControl.builder().guards(guards).route(llm)
            .cache("llm:openai", new io.homeostat.core.control.ControlledCache() {
                @Override
                public int clear() {
                    return 0;
                }

                @Override
                public int warm() {
                    return warmed.addAndGet(12);
                }
            }).build();
    private final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    private final IncidentTracker tracker = IncidentTracker.builder(incidents).clock(clock).build();
    private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    private final List<EscalationNotice> alerts = new CopyOnWriteArrayList<>();
    private final RecoveryOrchestrator orchestrator = RecoveryOrchestrator.builder()
            .store(new InMemoryWorkflowStore()).workflows(WorkflowCatalog.of(DefaultWorkflows.load()))
            .actions(StandardActions.catalog(control, List.of(llm), alerts::add, List.of(), List.of(), clock, List.of()))
            .tracker(tracker).metrics(new GuardMetricSource(guards, List.of(llm)))
            .triggerCheck(new CircuitTriggerCheck(control)).clock(clock).audit(audit::add).build();
    private final List<StartResult> started = new ArrayList<>();

    /** The glue a circuit-event detector provides: an opened circuit is a detection, an incident, a recovery. */
    private void onSignals(List<Signal> signals) {
        for (Signal signal : signals) {
            if (signal instanceof CircuitTransition t && t.to() == CircuitState.OPEN) {
                Detection d = new Detection("d-" + t.time(), "circuit", Detection.Kind.EVENT, Detection.Status.FIRING,
                        new SeriesKey(t.service(), "circuit"), "availability", "circuit_open", Severity.HIGH, 1.0,
                        "circuit of " + t.service() + " opened: " + t.reason(), Map.of(), t.time());
                Incident incident = tracker.observe(d).orElseThrow();
                started.add(orchestrator.recover(new RecoveryTrigger(incident.id(), TriggerType.CIRCUIT_OPEN,
                        t.service(), "api")));
            }
        }
    }

    private void traffic(int calls) {
        for (int i = 0; i < calls; i++) {
            String provider = llm.current();
            Guard guard = guards.guard(provider);
            catchThrowable(() -> guard.call(() -> {
                if (provider.equals("llm:openai") && openaiDown.get()) {
                    throw new java.io.IOException("503 from openai");
                }
                return "answer";
            }));
        }
        bus.drain();
    }

    @Test
    void aFailingProviderIsReplacedAndTheRecoveryVerifiedBeforeTheIncidentResolves() throws Exception {
        bus.subscribe(this::onSignals);
        traffic(10);
        openaiDown.set(true);

        traffic(5);

        assertThat(control.circuitState("llm:openai")).contains(CircuitState.OPEN);
        assertThat(started).singleElement().satisfies(s -> assertThat(s.outcome()).isEqualTo(StartResult.Outcome.STARTED));
        String run = started.getFirst().runId();
        assertThat(llm.current()).as("failed over at once").isEqualTo("llm:anthropic");
        Incident incident = tracker.active().getFirst();
        assertThat(incident.status()).isEqualTo(IncidentStatus.REMEDIATING);

        for (int second = 0; second < 40; second += 5) {
            clock.advance(Duration.ofSeconds(5));
            traffic(4);
            orchestrator.tick();
        }

        assertThat(orchestrator.run(run).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(warmed).hasValue(12);
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.message()).contains("llm:openai failed"));
        assertThat(incidents.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(audit.stream().filter(a -> a.runId().equals(run)).map(AuditEntry::decision).toList())
                .containsSubsequence("run.started", "step.acted", "step.verified", "step.acted", "step.done",
                        "step.acted", "step.done", "run.succeeded");
        assertThat(audit).filteredOn(a -> a.decision().equals("step.verified")).first()
                .satisfies(a -> assertThat(a.reason()).contains("error_rate < 0.05 for PT30S read 0.0"));
    }

    @Test
    void aProviderThatRecoversBeforeTheWorkflowActsIsLeftAlone() {
        traffic(5);
        openaiDown.set(true);
        traffic(5);
        bus.drain();
        Incident incident = tracker.active().isEmpty() ? null : tracker.active().getFirst();
        assertThat(incident).as("no subscriber yet: the incident is opened by hand below").isNull();
        control.resetCircuit("llm:openai", "came back");
        Detection d = new Detection("d-late", "circuit", Detection.Kind.EVENT, Detection.Status.FIRING,
                new SeriesKey("llm:openai", "circuit"), "availability", "circuit_open", Severity.HIGH, 1.0,
                "late", Map.of(), clock.instant());
        Incident late = tracker.observe(d).orElseThrow();

        StartResult result = orchestrator.recover(new RecoveryTrigger(late.id(), TriggerType.CIRCUIT_OPEN, "llm:openai", "api"));

        assertThat(orchestrator.run(result.runId()).orElseThrow().phase()).isEqualTo(RunPhase.SKIPPED);
        assertThat(llm.current()).isEqualTo("llm:openai");
        assertThat(alerts).isEmpty();
    }
}
