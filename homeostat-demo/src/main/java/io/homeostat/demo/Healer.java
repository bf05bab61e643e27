package io.homeostat.demo;

import io.homeostat.core.GuardRegistry;
import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.LocalKernelControl;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Scheduler;
import io.homeostat.demo.report.RunRecorder;
import io.homeostat.demo.triage.TriageSystem;
import io.homeostat.demo.upstream.Upstream;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.detect.DetectorChainBuilder;
import io.homeostat.engine.detect.SeriesDetector;
import io.homeostat.engine.detect.series.OperationSampler;
import io.homeostat.engine.detect.threshold.ThresholdDetector;
import io.homeostat.engine.detect.threshold.ThresholdRules;
import io.homeostat.engine.detect.trend.TrendDetector;
import io.homeostat.engine.detect.trend.TrendRules;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.execute.EscalationNotice;
import io.homeostat.engine.execute.GuardMetricSource;
import io.homeostat.engine.execute.RecoveryPolicy;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.loop.CircuitEventDetector;
import io.homeostat.engine.loop.ControlLoop;
import io.homeostat.engine.plan.DefaultWorkflows;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.plan.WorkflowReader;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.server.HomeostatServer;
import io.homeostat.store.jdbc.JdbcStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The healer of the demo: the engine's whole loop (detection, incidents, diagnosis, recovery
 * workflows, escalation, audit) over the embedded server's signal bus, store and alerting, acting
 * on the triage system through a {@link KernelControl} (its guards, the provider routes, the
 * database pools, probes, and a graceful restart of an upstream). Demo-specific detection rules,
 * predictions and workflows ({@code demo-rules.yaml}, {@code demo-predictions.yaml},
 * {@code demo-workflows.yaml}) make it react within a run of a few minutes; the shipped ones stay
 * in force beside them. Incidents correlate within 10 s and resolve after 8 s without a firing
 * detection (the defaults, 5 min each, would fold the next fault of a short run into the last
 * one's incident). Also feeds the bus: the
 * guards' operation rates ({@link OperationSampler}, every 500 ms) and each upstream's memory
 * (read from its {@code /metrics} every second).
 */
final class Healer implements AutoCloseable {

    private final ControlLoop loop;
    private final OperationSampler sampler;
    private final List<Cancellable> ticking = new ArrayList<>();
    private final Set<String> appended = ConcurrentHashMap.newKeySet();
    private final JdbcStore store;
    private final Instant started;

    private Healer(HomeostatServer server, TriageSystem system, RunRecorder recorder, Scheduler scheduler,
            Consumer<String> say) {
        GuardRegistry guards = server.loop().guards();
        SignalBus bus = server.loop().bus();
        this.store = server.loop().store();
        this.started = scheduler.clock().instant();
        LocalKernelControl.Builder control = KernelControl.builder().guards(guards).route(system.llmRoute())
                .route(system.dbRoute());
        system.databases().forEach((name, db) -> control.pool(name, db).probe(name, db::ping));
        system.upstreams().forEach((name, upstream) -> control.probe(name, () -> upstream.failure().isEmpty()));
        KernelControl kernel = control.build();
        Consumer<EscalationNotice> notices = n -> say.accept("healer: " + n.kind() + " " + n.service() + ": " + n.message());
        List<Workflow> workflows = new ArrayList<>(read("demo-workflows.yaml", WorkflowReader::read));
        workflows.addAll(DefaultWorkflows.load());
        Map<String, Set<String>> edges = system.dependencies();
        DependencyGraph graph = DependencyGraph.of(edges);
        SeriesDetector demoRules = ThresholdDetector.create(read("demo-rules.yaml", ThresholdRules::parse), scheduler.clock());
        SeriesDetector demoTrends = TrendDetector.create(read("demo-predictions.yaml", TrendRules::parse), scheduler.clock());
        AuditLog audit = new RecordingAuditLog(store.auditLog(), recorder, appended, say);
        this.loop = ControlLoop.builder().clock(scheduler.clock()).bus(bus).incidents(store.incidents())
                .runs(store.workflows()).audit(audit).effectiveness(store.effectiveness())
                .escalation(server.loop().alerting())
                .actions(StandardActions.catalog(kernel, List.of(system.llmRoute(), system.dbRoute()), notices::accept,
                        List.of(), List.of(), scheduler.clock(), List.of(new RestartAction(system))))
                .metrics(new GuardMetricSource(guards, List.of(system.llmRoute(), system.dbRoute())))
                .detector(DetectorChainBuilder.standard(scheduler.clock(), b -> { }).add(demoRules).add(demoTrends).build())
                .detector(new CircuitEventDetector())
                .workflows(WorkflowCatalog.of(workflows)).graph(() -> graph).settle(Duration.ofSeconds(1))
                .tracking(new IncidentTrackerConfig(Duration.ofSeconds(10), Duration.ofSeconds(8), 3, Duration.ofHours(1),
                        Duration.ofSeconds(1)))
                .recovery(b -> b.policy(new RecoveryPolicy(6, 200, Map.of(), Duration.ofSeconds(20), 8,
                        Duration.ofMinutes(15))))
                .build();
        loop.incidents().listen(event -> {
            switch (event) {
                case IncidentEvent.Opened opened -> {
                    recorder.incidentOpened(opened.incident().id(), opened.detection().service(),
                            opened.detection().detector());
                    say.accept("healer: incident on " + opened.detection().service() + ": " + opened.incident().title());
                }
                case IncidentEvent.StatusChanged changed when changed.to() == IncidentStatus.RESOLVED ->
                        recorder.resolved(changed.incident().id());
                case IncidentEvent.StatusChanged changed when changed.to() == IncidentStatus.ESCALATED -> {
                    recorder.escalated(changed.incident().id());
                    say.accept("healer: escalated to a person: " + changed.incident().title());
                }
                default -> { }
            }
        });
        loop.diagnosis().listen(d -> {
            recorder.diagnosed(d.incidentId(), d.rootService(), d.category().label());
            say.accept("healer: diagnosed " + d.incidentId() + ": root " + d.rootService() + " (" + d.category().label() + ")");
        });
        this.sampler = OperationSampler.create(guards::guards, bus, scheduler, Duration.ofMillis(500)).start();
        // The system scheduler has one thread: a tick (store writes) runs on its own virtual thread,
        // skipped while the previous one still runs, so it never holds up traffic or chaos.
        java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
        ticking.add(scheduler.scheduleAtFixedRate(Duration.ofMillis(250), Duration.ofMillis(250), () -> {
            if (busy.compareAndSet(false, true)) {
                Thread.ofVirtual().name("demo-healer-tick").start(() -> {
                    try {
                        loop.tick();
                    } finally {
                        busy.set(false);
                    }
                });
            }
        }));
        ticking.add(scheduler.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> {
            for (Upstream upstream : system.upstreams().values()) {
                bus.publish(new MetricSample(upstream.name(), "heap.used.ratio", upstream.memoryRatio(),
                        scheduler.clock().instant(), Map.of()));
            }
        }));
    }

    /** Starts healing the triage system through the server's loop. */
    static Healer start(HomeostatServer server, TriageSystem system, RunRecorder recorder, Scheduler scheduler,
            Consumer<String> say) {
        return new Healer(server, system, recorder, scheduler, say);
    }

    /** The engine loop (incidents, diagnosis, recovery). */
    ControlLoop loop() {
        return loop;
    }

    /** Of the records appended to the audit trail, how many the store returns now. */
    long auditStored(Instant until) {
        store.auditLog().flush();
        long found = 0;
        for (AuditRecord record : store.auditLog().query(new AuditQuery(started.minusSeconds(1), until.plusSeconds(1),
                "", "", "", 1_000_000))) {
            if (appended.contains(record.id())) {
                found++;
            }
        }
        return found;
    }

    private static <T> T read(String resource, java.util.function.BiFunction<String, String, T> parser) {
        try (InputStream in = Healer.class.getResourceAsStream("/io/homeostat/demo/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("the demo jar lacks " + resource);
            }
            return parser.apply(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ticking.forEach(Cancellable::cancel);
        sampler.close();
        loop.close();
    }
}
