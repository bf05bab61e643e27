package io.homeostat.demo;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Scheduler;
import io.homeostat.demo.report.IncidentRecord;
import io.homeostat.demo.report.RunRecorder;
import io.homeostat.demo.triage.TriageSystem;
import io.homeostat.demo.triage.UpstreamClient;
import io.homeostat.demo.upstream.Upstream;
import io.homeostat.engine.detect.SeriesLimits;
import io.homeostat.engine.detect.series.OperationSampler;
import io.homeostat.engine.detect.threshold.ThresholdDetector;
import io.homeostat.engine.detect.threshold.ThresholdRules;
import io.homeostat.engine.detect.trend.TrendDetector;
import io.homeostat.engine.detect.trend.TrendRules;
import io.homeostat.engine.execute.RecoveryPolicy;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.plan.WorkflowReader;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.server.HomeostatServer;
import io.homeostat.server.runtime.LoopOptions;
import io.homeostat.server.runtime.LoopTuning;
import io.homeostat.store.jdbc.JdbcStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The demo's side of the healer. The healer itself is the embedded server's loop (detection,
 * incidents, diagnosis, recovery workflows, escalation, audit); this class gives it what the
 * triage system offers to act on ({@link #options}: the provider routes, the database pools, a
 * probe per dependency (for an upstream a real {@code GET /health} within 500 ms), each upstream
 * as a {@link io.homeostat.core.control.Restartable} for {@code restart_process}) and the demo's tuning: its own
 * threshold rule, prediction and workflows ({@code demo-rules.yaml}, {@code demo-predictions.yaml},
 * {@code demo-workflows.yaml}, beside the shipped ones), the declared dependency graph (so
 * dependents' incidents correlate with their dependency's and the root is ranked across them), incidents that correlate within 5 s (a cascade's dependents fail within the same second; a longer window folds the next fault on a related service into an escalated incident, where nothing recovers it) and
 * resolve after 8 s quiet (the 5 min defaults would fold the next fault of a short run into the
 * last one's incident), a 5 s cooldown per action and service (the default 5 min would escalate
 * the second incident of one fault, e.g. a leak that grows back after a restart), and 1 s of
 * settling before diagnosis.
 *
 * <p>Once started it feeds the loop's bus (the guards' rates every 500 ms through an
 * {@link OperationSampler}, each upstream's memory every {@link #MEMORY_SAMPLING}) and follows what the loop does
 * (incidents and diagnoses as they happen; the workflow runs' steps and the audit trail in the
 * store, read every second) into the run's recorder and onto the terminal. Thread-safe.
 */
final class Healer implements AutoCloseable {

    /**
     * How often each upstream's memory is read: 10 times a second, so that the memory prediction
     * ({@code demo-predictions.yaml}: a 2 s window of 100 ms buckets) can tell a leak from the
     * churn within a second or two. A reading is cheap (a JVM's is one {@code MemoryMXBean} call);
     * the server stores at most one raw sample a second per series anyway.
     */
    static final Duration MEMORY_SAMPLING = Duration.ofMillis(100);

    /** A probe is a real {@code GET /health}; one slower than this failed (a slow upstream is not well). */
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private static final Set<String> SHOWN = Set.of("recovery.run.escalated", "recovery.run.held", "recovery.gate.held",
            "recovery.gate.forbidden", "recovery.run.aborted");

    private final HomeostatServer server;
    private final RunRecorder recorder;
    private final Consumer<String> say;
    private final OperationSampler sampler;
    private final List<Cancellable> ticking = new ArrayList<>();
    private final Set<String> seenSteps = new HashSet<>();
    private final Set<String> seenAudit = new HashSet<>();
    private final Instant started;
    private final io.homeostat.core.time.Clock clock;

    private Healer(HomeostatServer server, TriageSystem system, RunRecorder recorder, Scheduler scheduler,
            Consumer<String> say) {
        this.server = server;
        this.recorder = recorder;
        this.say = say;
        this.clock = scheduler.clock();
        this.started = clock.instant().minusSeconds(1);
        SignalBus bus = server.loop().bus();
        server.loop().tracker().listen(event -> {
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
        server.loop().diagnosis().listen(d -> {
            recorder.diagnosed(d.incidentId(), d.rootService(), d.category().label());
            say.accept("healer: diagnosed root " + d.rootService() + " (" + d.category().label() + ") of incident "
                    + d.incidentId().substring(0, 8));
        });
        this.sampler = OperationSampler.create(server.loop().guards()::guards, bus, scheduler, Duration.ofMillis(500)).start();
        ticking.add(scheduler.scheduleAtFixedRate(MEMORY_SAMPLING, MEMORY_SAMPLING, () -> {
            for (Upstream upstream : system.upstreams().values()) {
                bus.publish(new MetricSample(upstream.name(), "heap.used.ratio", upstream.memoryReading(),
                        scheduler.clock().instant(), Map.of()));
            }
        }));
        ticking.add(scheduler.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1),
                () -> Thread.ofVirtual().name("demo-healer-follow").start(this::follow)));
    }

    /** What the triage system gives the server's loop to act on, and the demo's tuning of it. */
    static LoopOptions options(TriageSystem system, Scheduler scheduler) {
        LoopOptions options = LoopOptions.defaults().withRoute(system.llmRoute()).withRoute(system.dbRoute())
                .withSettle(Duration.ofSeconds(1));
        for (var db : system.databases().entrySet()) {
            options = options.withPool(db.getKey(), db.getValue()).withProbe(db.getKey(), db.getValue()::ping);
        }
        UpstreamClient probes = new UpstreamClient(PROBE_TIMEOUT);
        for (var upstream : system.upstreams().entrySet()) {
            Upstream u = upstream.getValue();
            options = options.withRestartable(upstream.getKey(), (drain, reason) -> {
                double before = u.memoryRatio();
                u.restart();
                return String.format(Locale.ROOT, "restarted %s gracefully; memory %.0f %% -> %.0f %%", u.name(),
                        before * 100, u.memoryRatio() * 100);
            });
            options = options.withProbe(upstream.getKey(), () -> {
                try {
                    probes.get(upstream.getValue().uri().resolve("/health"));
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
        }
        IncidentTrackerConfig tracking = new IncidentTrackerConfig(Duration.ofSeconds(5), Duration.ofSeconds(8), 3,
                Duration.ofHours(1), Duration.ofSeconds(1));
        // A rule still firing, or a prediction still standing, says so within the 8 s hold: its incident stays open.
        Duration repeat = tracking.firingRepeat();
        LoopTuning tuning = new LoopTuning(
                List.of(ThresholdDetector.create(read("demo-rules.yaml", ThresholdRules::parse), scheduler.clock(),
                                SeriesLimits.defaults(), repeat),
                        TrendDetector.create(read("demo-predictions.yaml", TrendRules::parse), scheduler.clock(),
                                SeriesLimits.defaults(), repeat)),
                read("demo-workflows.yaml", WorkflowReader::read), List.of(), tracking,
                new RecoveryPolicy(6, 200, Map.of(), Duration.ofSeconds(5), 8, Duration.ofMinutes(15)),
                DependencyGraph.of(system.dependencies()));
        return options.withTuning(tuning);
    }

    /** Starts following and feeding the server's loop. */
    static Healer start(HomeostatServer server, TriageSystem system, RunRecorder recorder, Scheduler scheduler,
            Consumer<String> say) {
        return new Healer(server, system, recorder, scheduler, say);
    }

    /** Reads the steps recovery ran and the audit decisions worth showing, once. */
    synchronized void follow() {
        JdbcStore store = server.loop().store();
        try {
            for (WorkflowRun run : store.workflows().startedSince(started)) {
                for (StepRecord step : store.workflows().steps(run.runId())) {
                    if (step.phase() == StepPhase.SUCCEEDED && seenSteps.add(run.runId() + "/" + step.stepIndex() + "/"
                            + step.attempt())) {
                        // A reset of a circuit that had closed by itself changed nothing.
                        boolean changed = !IncidentRecord.NOT_FIXES.contains(step.action())
                                && !step.detail().contains("(was CLOSED)");
                        recorder.action(run.incidentId(), step.action(), changed);
                        say.accept("healer: " + run.workflow() + " / " + step.step() + " on " + run.service() + ": "
                                + step.detail());
                    }
                }
            }
            for (AuditRecord record : store.auditLog().query(new AuditQuery(started, until(), "", "", "", 100_000))) {
                if (SHOWN.contains(record.action()) && seenAudit.add(record.id())) {
                    say.accept("healer: " + record.action().substring("recovery.".length()) + " " + record.target() + ": "
                            + record.reason());
                }
            }
        } catch (RuntimeException e) {
            say.accept("healer: cannot read the store now: " + e.getMessage());
        }
    }

    /**
     * The audit check: of the steps recovery ran (as the workflow store has them), how many, and
     * how many have their {@code recovery.step.acted} record in the audit trail.
     *
     * @return {acted, audited}
     */
    long[] auditCheck() {
        JdbcStore store = server.loop().store();
        store.auditLog().flush();
        Set<String> audited = new HashSet<>();
        for (AuditRecord record : store.auditLog().query(new AuditQuery(started, until(), "", "recovery.step.acted", "",
                100_000))) {
            audited.add(record.evidence().get("runId") + "/" + record.evidence().get("step") + "/"
                    + record.evidence().get("attempt"));
        }
        long acted = 0;
        long found = 0;
        for (WorkflowRun run : store.workflows().startedSince(started)) {
            for (StepRecord step : store.workflows().steps(run.runId())) {
                if (step.phase() == StepPhase.SUCCEEDED && step.stepIndex() >= 0) {
                    acted++;
                    if (audited.contains(run.runId() + "/" + step.step() + "/" + step.attempt())) {
                        found++;
                    }
                }
            }
        }
        return new long[] {acted, found};
    }

    private Instant until() {
        return clock.instant().plusSeconds(60);
    }

    private static <T> T read(String resource, BiFunction<String, String, T> parser) {
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
    }
}
