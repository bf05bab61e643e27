package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.homeostat.core.Guard;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.control.ControlledCache;
import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.alert.LogEscalation;
import io.homeostat.engine.alert.RecordingChannel;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.Detector;
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.execute.CircuitTriggerCheck;
import io.homeostat.engine.execute.EscalationNotice;
import io.homeostat.engine.execute.GuardMetricSource;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.learn.Effectiveness;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 end to end, in process, on a manual clock: a flaky AI provider behind a guard, its
 * breaker opens, the circuit detector opens an incident, the diagnosis stage names the root
 * service and category, the planner picks the shipped failover workflow for them, recovery is
 * verified on the guards' fresh error rate, the incident resolves, the effectiveness of the
 * workflow and of its actions is updated, and the audit log holds the whole trail.
 */
class ControlLoopTest {

    private final LlmProviders providers = new LlmProviders();
    private final ManualClock clock = providers.clock;
    private final InProcessSignalBus bus = providers.bus;
    private final GuardRegistry guards = providers.guards;
    private final ProviderRoute llm = providers.llm;
    private final AtomicBoolean openaiDown = new AtomicBoolean();
    private final AtomicInteger warmed = new AtomicInteger();
    private final KernelControl control = KernelControl.builder().guards(guards).route(llm)
            .cache("llm:openai", new ControlledCache() {
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
    private final InMemoryWorkflowStore runs = new InMemoryWorkflowStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryEffectivenessStore effectiveness = new InMemoryEffectivenessStore();
    private final List<String> escalated = new CopyOnWriteArrayList<>();
    private final List<EscalationNotice> alerts = new CopyOnWriteArrayList<>();
    private final ControlLoop loop = ControlLoop.builder().clock(clock).bus(bus).incidents(incidents).runs(runs)
            .audit(audit).effectiveness(effectiveness).escalation(LogEscalation.to(escalated::add))
            .actions(StandardActions.catalog(control, List.of(llm), alerts::add, List.of(), List.of(), clock, List.of()))
            .metrics(new GuardMetricSource(guards, List.of(llm))).settle(Duration.ZERO)
            .recovery(b -> b.triggerCheck(new CircuitTriggerCheck(control))).build();

    private void traffic(int calls) {
        for (int i = 0; i < calls; i++) {
            String provider = llm.current();
            Guard guard = guards.guard(provider);
            catchThrowable(() -> guard.call(() -> {
                if (provider.equals("llm:openai") && openaiDown.get()) {
                    throw new IOException("503 from openai");
                }
                return "answer";
            }));
        }
        bus.drain();
    }

    @Test
    void aSignalADetectorThrowsOnDoesNotCostTheRestOfItsDelivery() throws Exception {
        InProcessSignalBus ownBus = InProcessSignalBus.manual();
        List<String> seen = new CopyOnWriteArrayList<>();
        Detector poisoned = new Detector() {
            @Override
            public String name() {
                return "poisoned";
            }

            @Override
            public void observe(Signal signal, Consumer<Detection> sink) {
                if (signal.service().equals("poison")) {
                    throw new ArithmeticException("long overflow");
                }
            }
        };
        Detector recording = new Detector() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public void observe(Signal signal, Consumer<Detection> sink) {
                seen.add(signal.service());
            }
        };
        try (ControlLoop isolated = ControlLoop.builder().clock(clock).bus(ownBus).incidents(new InMemoryIncidentStore())
                .runs(new InMemoryWorkflowStore()).audit(new InMemoryAuditLog()).effectiveness(new InMemoryEffectivenessStore())
                .escalation(LogEscalation.to(escalated::add)).actions(StandardActions.catalog(control, List.of(llm),
                        alerts::add, List.of(), List.of(), clock, List.of()))
                .metrics(new GuardMetricSource(guards, List.of(llm))).detector(poisoned).detector(recording).build()) {
            ownBus.publish(new MetricSample("before", "m", 1, clock.instant(), Map.of()));
            ownBus.publish(new MetricSample("poison", "m", 1, clock.instant(), Map.of()));
            ownBus.publish(new MetricSample("after", "m", 1, clock.instant(), Map.of()));
            ownBus.drain();

            assertThat(seen).containsExactly("before", "after");
            assertThat(ownBus.subscriberFailures()).as("the delivery still counts as failed").isEqualTo(1);
        }
    }

    @Test
    void anAlertingEscalationHearsTheIncidentsDetectionsThroughTheTracker() throws Exception {
        InProcessSignalBus ownBus = InProcessSignalBus.manual();
        GuardRegistry ownGuards = GuardRegistry.builder().clock(clock).signalBus(ownBus)
                .config("llm", GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.consecutiveFailures(3)).build())
                .build();
        Alerting alerting = Alerting.builder(clock.scheduler()).receiver(Receiver.of("team", new RecordingChannel("team")))
                .route(Route.to("team").build()).build();
        try (ControlLoop alerted = ControlLoop.builder().clock(clock).bus(ownBus).incidents(new InMemoryIncidentStore())
                .runs(new InMemoryWorkflowStore()).audit(new InMemoryAuditLog()).effectiveness(new InMemoryEffectivenessStore())
                .escalation(alerting).actions(StandardActions.catalog(control, List.of(llm), alerts::add, List.of(),
                        List.of(), clock, List.of()))
                .metrics(new GuardMetricSource(ownGuards, List.of(llm))).build()) {
            Guard guard = ownGuards.guard("llm:openai");
            for (int i = 0; i < 3; i++) {
                catchThrowable(() -> guard.call(() -> {
                    throw new IOException("503 from openai");
                }));
            }
            ownBus.drain();

            Incident incident = alerted.incidents().active().getFirst();
            assertThat(alerting.alerts()).singleElement().satisfies(alert -> {
                assertThat(alert.labels().incident()).contains(incident.id());
                assertThat(alert.labels().service()).isEqualTo("llm:openai");
                assertThat(alert.state()).isEqualTo(AlertState.FIRING);
            });
        }
    }

    @Test
    void aFlakyProviderIsDiagnosedFailedOverVerifiedLearnedAndAudited() {
        traffic(10);
        openaiDown.set(true);
        traffic(5);

        assertThat(control.circuitState("llm:openai")).contains(CircuitState.OPEN);
        Incident incident = loop.incidents().active().getFirst();
        assertThat(incident.status()).as("nothing acts before diagnosis").isEqualTo(IncidentStatus.OPEN);
        assertThat(llm.current()).isEqualTo("llm:openai");

        loop.tick();

        Diagnosis diagnosis = loop.diagnosis().latest(incident.id()).orElseThrow();
        assertThat(diagnosis.rootService()).isEqualTo("llm:openai");
        assertThat(llm.current()).as("failed over on the first tick after diagnosis").isEqualTo("llm:anthropic");
        WorkflowRun run = runs.active().getFirst();
        assertThat(run.workflow()).isEqualTo("ai-provider-failure");
        assertThat(run.service()).isEqualTo("llm:openai");

        for (int second = 0; second < 40; second += 5) {
            clock.advance(Duration.ofSeconds(5));
            traffic(4);
            loop.tick();
        }

        assertThat(runs.find(run.runId()).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(incidents.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(warmed).hasValue(12);
        assertThat(incidents.timeline(incident.id())).extracting(TimelineEntry::message)
                .anySatisfy(m -> assertThat(m).isEqualTo("OPEN -> DIAGNOSED: " + diagnosis.summary()))
                .noneSatisfy(m -> assertThat(m).contains("not diagnosed"));

        Problem problem = new Problem(incident.fingerprint(), diagnosis.category().label());
        Effectiveness workflow = loop.learner().effectiveness(problem, "workflow:ai-provider-failure").orElseThrow();
        assertThat(workflow.attempts()).isEqualTo(1);
        assertThat(workflow.successes()).isEqualTo(1);
        assertThat(workflow.meanTimeToRecover()).hasValueSatisfying(d -> assertThat(d).isBetween(
                Duration.ofSeconds(30), Duration.ofSeconds(60)));
        assertThat(loop.learner().effectiveness(problem, "failover").orElseThrow().successes()).isEqualTo(1);
        assertThat(loop.learner().effectiveness(problem, "warm_cache"))
                .as("a step that names no success criteria ran, but proved nothing: not a success").isEmpty();
        assertThat(loop.learner().effectiveness(problem, "alert")).isEmpty();

        List<AuditRecord> trail = audit.query(AuditQuery.between(Instant.EPOCH, clock.instant().plusSeconds(1))
                .target("incident:" + incident.id()));
        // records of one instant are ordered by id in the log, so the trail is checked as a whole
        assertThat(trail).extracting(AuditRecord::action).containsExactlyInAnyOrder("recovery.run.started",
                "recovery.step.acted", "recovery.step.verified", "recovery.step.acted", "recovery.step.done",
                "recovery.step.acted", "recovery.step.done", "recovery.run.succeeded");
        Instant succeededAt = trail.stream().filter(r -> r.action().equals("recovery.run.succeeded")).findFirst()
                .orElseThrow().time();
        AuditRecord started = trail.stream().filter(r -> r.action().equals("recovery.run.started")).findFirst()
                .orElseThrow();
        assertThat(started.evidence()).containsEntry("service", "llm:openai")
                .containsEntry("category", diagnosis.category().label()).containsEntry("runId", run.runId());
        assertThat(started.operationType()).isPresent();
        assertThat(Duration.between(started.time(), succeededAt)).as("verified over the 30 s hold")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(trail).allSatisfy(r -> assertThat(r.actor()).isEqualTo("homeostat"));
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.message()).contains("llm:openai failed"));
        loop.close();
    }
}
