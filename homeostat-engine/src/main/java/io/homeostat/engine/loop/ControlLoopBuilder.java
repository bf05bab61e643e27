package io.homeostat.engine.loop;

import io.homeostat.core.control.KernelControl;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.Detector;
import io.homeostat.engine.detect.DetectorChain;
import io.homeostat.engine.detect.DetectorChainBuilder;
import io.homeostat.engine.detect.RepeatingDetector;
import io.homeostat.engine.diagnose.Diagnoser;
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.diagnose.DiagnosisStage;
import io.homeostat.engine.diagnose.RecentSignals;
import io.homeostat.engine.diagnose.RecentSignalsConfig;
import io.homeostat.engine.diagnose.rule.DiagnosisRules;
import io.homeostat.engine.diagnose.rule.RuleSet;
import io.homeostat.engine.diagnose.topology.DependencyLearner;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.AutoDegradation;
import io.homeostat.engine.execute.EscalationPortSink;
import io.homeostat.engine.execute.HealthScore;
import io.homeostat.engine.execute.HealthScoreboard;
import io.homeostat.engine.execute.MetricSource;
import io.homeostat.engine.execute.RecoveryAudit;
import io.homeostat.engine.execute.RecoveryOrchestrator;
import io.homeostat.engine.execute.RecoveryOrchestratorBuilder;
import io.homeostat.engine.execute.RecoveryTrigger;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.learn.EffectivenessConfig;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.plan.DefaultWorkflows;
import io.homeostat.engine.plan.DegradationPolicy;
import io.homeostat.engine.plan.DetectionTriggers;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.DiagnosisStore;
import io.homeostat.engine.port.EffectivenessStore;
import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.WorkflowStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link ControlLoop}. Required: {@link #clock}, {@link #bus}, {@link #incidents},
 * {@link #runs}, {@link #audit}, {@link #effectiveness}, {@link #escalation}, {@link #actions},
 * {@link #metrics}. Defaults: the standard detector chain plus a {@link CircuitEventDetector};
 * the shipped {@link DefaultWorkflows}; the default diagnosis rules
 * ({@link DiagnosisRules#defaults()}); a dependency graph learned from the bus (a
 * {@link DependencyLearner} reading the {@value DependencyLearner#CALLER_TAG} tag guards set);
 * {@link IncidentTrackerConfig#ofDefaults()}; a diagnosis settle time of
 * {@value DiagnosisStage#DEFAULT_SETTLE_SECONDS} s;
 * {@link EffectivenessConfig#ofDefaults()}; workflows and a step's alternatives ranked by learned
 * effectiveness with evidence halving every 30 days ({@link LearnedWorkflowOrder},
 * {@link LearnedStepOrder}); no automatic degradation ({@link #degradation});
 * escalation of incidents unresolved after 1 h; 3 recovery attempts per incident before it
 * escalates (issue 5); recovery's other defaults ({@link RecoveryOrchestratorBuilder}) unless
 * changed through {@link #recovery}; diagnoses kept only in memory (no {@link #diagnoses} store).
 * Not thread-safe.
 */
public final class ControlLoopBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoopBuilder.class);

    private Clock clock;
    private SignalBus bus;
    private IncidentStore incidents;
    private WorkflowStore runs;
    private AuditLog audit;
    private EffectivenessStore effectiveness;
    private Escalation escalation;
    private ActionCatalog actions;
    private MetricSource metrics;
    private final List<Detector> detectors = new ArrayList<>();
    private WorkflowCatalog workflows;
    private RuleSet rules;
    private Supplier<DependencyGraph> graph;
    private Duration settle = Duration.ofSeconds(DiagnosisStage.DEFAULT_SETTLE_SECONDS);
    private Duration unresolvedAfter = Duration.ofHours(1);
    private EffectivenessConfig learning = EffectivenessConfig.ofDefaults();
    private IncidentTrackerConfig tracking = IncidentTrackerConfig.ofDefaults();
    private UnaryOperator<RecoveryOrchestratorBuilder> recovery = b -> b;
    private DiagnosisStore diagnoses;
    private Duration evidenceHalfLife = Duration.ofDays(AlternativeRanking.DEFAULT_HALF_LIFE_DAYS);
    private DegradationPolicy degradationPolicy;
    private KernelControl degradationControl;
    private HealthScore degradationScore;

    ControlLoopBuilder() {
    }

    /** The clock every stage reads (required). */
    public ControlLoopBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The signal bus the detectors and the diagnosis's recent signals subscribe to (required). */
    public ControlLoopBuilder bus(SignalBus bus) {
        this.bus = Objects.requireNonNull(bus, "bus");
        return this;
    }

    /** Where incidents and their timelines are kept (required). */
    public ControlLoopBuilder incidents(IncidentStore incidents) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        return this;
    }

    /** Where workflow runs and step records are kept (required). */
    public ControlLoopBuilder runs(WorkflowStore runs) {
        this.runs = Objects.requireNonNull(runs, "runs");
        return this;
    }

    /** The audit trail (required). */
    public ControlLoopBuilder audit(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
        return this;
    }

    /** Where effectiveness tallies are kept (required). */
    public ControlLoopBuilder effectiveness(EffectivenessStore effectiveness) {
        this.effectiveness = Objects.requireNonNull(effectiveness, "effectiveness");
        return this;
    }

    /**
     * How people are reached (required); an {@link Alerting} also receives every detection. It is
     * told {@link Escalation#resolved} when an incident resolves, by whoever resolved it.
     */
    public ControlLoopBuilder escalation(Escalation escalation) {
        this.escalation = Objects.requireNonNull(escalation, "escalation");
        return this;
    }

    /** The actions workflow steps may name (required). */
    public ControlLoopBuilder actions(ActionCatalog actions) {
        this.actions = Objects.requireNonNull(actions, "actions");
        return this;
    }

    /** Fresh readings for the steps' success criteria (required). */
    public ControlLoopBuilder metrics(MetricSource metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /**
     * Adds a detector fed from the bus; once one is added, the default chain is not used. A
     * {@link RepeatingDetector} (alone or in a {@link DetectorChain}) must repeat at most every half
     * {@linkplain IncidentTrackerConfig#holdPeriod() hold period} of {@link #tracking}: create it with
     * {@link IncidentTrackerConfig#firingRepeat()}.
     */
    public ControlLoopBuilder detector(Detector detector) {
        detectors.add(Objects.requireNonNull(detector, "detector"));
        return this;
    }

    /** The workflows; default the shipped ones. */
    public ControlLoopBuilder workflows(WorkflowCatalog workflows) {
        this.workflows = Objects.requireNonNull(workflows, "workflows");
        return this;
    }

    /** The diagnosis rules; default {@link DiagnosisRules#defaults()}. */
    public ControlLoopBuilder rules(RuleSet rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        return this;
    }

    /**
     * The current dependency graph (declared, or a {@code DependencyLearner}); read by correlation,
     * diagnosis and the high-impact rule (its service count is "all services"). Default: a
     * {@link DependencyLearner} subscribed to the bus, starting empty and learning
     * {@code caller -> service} edges from the {@value DependencyLearner#CALLER_TAG} tag of real
     * guard traffic (see {@code GuardBuilder.caller}), so the high-impact rule works without a
     * declared graph; its "all services" then also counts the services seen on the bus without a
     * caller ({@link DependencyLearner#serviceCount()}), so a young graph does not inflate the share.
     * Until a first edge is learned the rule stays off: without a topology, impact is not assessed.
     */
    public ControlLoopBuilder graph(Supplier<DependencyGraph> graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
        return this;
    }

    /** How long an incident stays OPEN before it is diagnosed; default 30 s. */
    public ControlLoopBuilder settle(Duration settle) {
        this.settle = Objects.requireNonNull(settle, "settle");
        return this;
    }

    /** How long an incident may stay unresolved before it escalates; default 1 h. */
    public ControlLoopBuilder unresolvedAfter(Duration unresolvedAfter) {
        this.unresolvedAfter = Objects.requireNonNull(unresolvedAfter, "unresolvedAfter");
        return this;
    }

    /**
     * How incidents correlate, resolve and flap; default {@link IncidentTrackerConfig#ofDefaults()}
     * (its tick interval is not used: {@link ControlLoop#tick()} ticks the tracker). The default
     * chain's detectors repeat a firing detection every {@link IncidentTrackerConfig#firingRepeat()}.
     */
    public ControlLoopBuilder tracking(IncidentTrackerConfig tracking) {
        this.tracking = Objects.requireNonNull(tracking, "tracking");
        return this;
    }

    /** How effectiveness is ranked; default {@link EffectivenessConfig#ofDefaults()}. */
    public ControlLoopBuilder learning(EffectivenessConfig learning) {
        this.learning = Objects.requireNonNull(learning, "learning");
        return this;
    }

    /**
     * Where every diagnosis is saved as it is made, before recovery is offered it; optional (by
     * default diagnoses are kept only as {@link DiagnosisStage#latest}). A save that throws is
     * counted in {@link DiagnosisStage#failures()} and does not stop recovery.
     */
    public ControlLoopBuilder diagnoses(DiagnosisStore diagnoses) {
        this.diagnoses = Objects.requireNonNull(diagnoses, "diagnoses");
        return this;
    }

    /**
     * How fast old effectiveness evidence counts less when workflows and a step's alternatives are
     * ranked: a tally's score halves with each {@code halfLife} since its latest outcome; default
     * 30 days.
     *
     * @throws IllegalArgumentException if not positive
     */
    public ControlLoopBuilder evidenceHalfLife(Duration halfLife) {
        this.evidenceHalfLife = Durations.requirePositive(halfLife, "evidenceHalfLife");
        return this;
    }

    /**
     * Further settings of the recovery orchestrator (policy, flags, safety, trigger check,
     * fencing); the loop sets its stores, catalogs, tracker, metrics, clock, audit, escalation,
     * upstream and order itself.
     */
    public ControlLoopBuilder recovery(UnaryOperator<RecoveryOrchestratorBuilder> recovery) {
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        return this;
    }

    /**
     * Turns on automatic degradation ({@link AutoDegradation}) with {@code policy}, setting the level
     * of {@code control}'s degradation from a {@link HealthScoreboard} of the policy's service fed
     * by the bus (health reports, CPU and memory readings). Default: off.
     */
    public ControlLoopBuilder degradation(DegradationPolicy policy, KernelControl control) {
        this.degradationPolicy = Objects.requireNonNull(policy, "policy");
        this.degradationControl = Objects.requireNonNull(control, "control");
        this.degradationScore = null;
        return this;
    }

    /** As {@link #degradation(DegradationPolicy, KernelControl)}, from the given health score. */
    public ControlLoopBuilder degradation(DegradationPolicy policy, KernelControl control, HealthScore score) {
        degradation(policy, control);
        this.degradationScore = Objects.requireNonNull(score, "score");
        return this;
    }

    /**
     * The loop, subscribed to the bus and the tracker.
     *
     * @throws IllegalStateException if a required part is missing
     * @throws IllegalArgumentException if a detector repeats less often than every half hold period
     *     (see {@link #detector}), or as {@link RecoveryOrchestratorBuilder#build()} or
     *     {@link DiagnosisStage#attach}
     */
    public ControlLoop build() {
        if (clock == null || bus == null || incidents == null || runs == null || audit == null || effectiveness == null
                || escalation == null || actions == null || metrics == null) {
            throw new IllegalStateException(
                    "clock, bus, incidents, runs, audit, effectiveness, escalation, actions and metrics are required");
        }
        requireRepeatWithinHold(detectors, tracking);
        WorkflowCatalog catalog = workflows != null ? workflows : WorkflowCatalog.of(DefaultWorkflows.load());
        List<AutoCloseable> subscriptions = new ArrayList<>();
        Supplier<DependencyGraph> graph = this.graph;
        IntSupplier knownServices;
        if (graph == null) {
            DependencyLearner learned = DependencyLearner.from(DependencyGraph.empty());
            subscriptions.add(learned.attach(bus));
            graph = learned;
            knownServices = () -> learned.get().services().isEmpty() ? 0 : learned.serviceCount();
        } else {
            Supplier<DependencyGraph> configured = graph;
            knownServices = () -> configured.get().services().size();
        }
        IncidentTracker tracker = IncidentTracker.builder(incidents).clock(clock).graph(graph).config(tracking)
                .build();
        RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults(), clock);
        subscriptions.add(recent.attach(bus));
        Diagnoser diagnoser = Diagnoser.builder(rules != null ? rules : DiagnosisRules.defaults()).signals(recent)
                .graph(graph).clock(clock).build();
        DiagnosisStage stage = DiagnosisStage.attach(tracker, diagnoser, clock, settle);

        EffectivenessLearner learner = EffectivenessLearner.builder().store(effectiveness).config(learning)
                .clock(clock).build();
        // The orchestrator's catalog, which a reload may replace; the built one until it exists.
        AtomicReference<RecoveryOrchestrator> built = new AtomicReference<>();
        AuditTrail trail = AuditTrail.to(audit,
                name -> built.get() == null ? catalog.find(name) : built.get().workflows().find(name));
        OutcomeRecorder outcomes = new OutcomeRecorder(learner, id -> tracker.active().stream()
                .filter(i -> i.id().equals(id)).findFirst().map(Incident::fingerprint));
        // What recovery hands to people is audited with what the port decided, as EscalationRules does.
        Escalation audited = new AuditedEscalation(escalation, trail, clock);
        RecoveryAudit both = entry -> {
            try {
                outcomes.record(entry);
            } finally {
                trail.record(entry);
            }
        };
        RecoveryOrchestrator orchestrator = recovery.apply(RecoveryOrchestrator.builder().attempts(3)).store(runs)
                .workflows(catalog).actions(actions).tracker(tracker).metrics(metrics).clock(clock).audit(both)
                .escalation(new EscalationPortSink(audited))
                .order(new LearnedWorkflowOrder(learner, actions, trail, clock, evidenceHalfLife))
                .stepOrder(new LearnedStepOrder(learner, actions, outcomes::problem, clock, evidenceHalfLife))
                .upstream(service -> heldBy(service, tracker, stage).or(() -> escalation.upstreamCause(service)
                        .map(c -> c.upstream() + ": " + c.summary())))
                .build();
        built.set(orchestrator);

        Map<String, TriggerType> triggers = new ConcurrentHashMap<>();
        subscriptions.add(tracker.listen(event -> {
            if (event instanceof IncidentEvent.Opened opened) {
                triggers.put(opened.incident().id(), DetectionTriggers.of(opened.detection()));
            } else if (event instanceof IncidentEvent.StatusChanged changed && changed.to() == IncidentStatus.RESOLVED) {
                triggers.remove(changed.incident().id());
                // however it resolved (recovery, a person, by itself): stop following it
                escalation.resolved(changed.incident().id(), changed.by());
            }
        }));
        if (diagnoses != null) {
            subscriptions.add(stage.listen(diagnoses::save));
        }
        IncidentStore incidentStore = incidents;
        subscriptions.add(stage.listen(d -> orchestrator.offer(new RecoveryTrigger(d.incidentId(),
                triggers.computeIfAbsent(d.incidentId(), id -> openedBy(incidentStore, id)), d.rootService(), d.category().label()))));

        List<Detector> chain = new ArrayList<>(detectors);
        if (chain.isEmpty()) {
            chain.add(DetectorChainBuilder.standard(clock, baseline -> { }, tracking.firingRepeat(), Set.of()).build());
            chain.add(new CircuitEventDetector());
        }
        if (escalation instanceof Alerting alerting) {
            // From the tracker's events, not from each detection: a flip the tracker holds back is not alerted either.
            subscriptions.add(tracker.listen(event -> {
                switch (event) {
                    case IncidentEvent.Opened e -> alerting.observe(e.detection(), e.incident().id());
                    case IncidentEvent.DetectionAdded e -> alerting.observe(e.detection(), e.incident().id());
                    case IncidentEvent.Correlated e -> alerting.observe(e.detection(), e.incident().id());
                    case IncidentEvent.StatusChanged e -> { } // resolution reaches it as escalation.resolved above
                    case IncidentEvent.Flapping e -> { }
                }
            }));
        }
        Consumer<Detection> sink = tracker::observe;
        AtomicLong signalFailures = new AtomicLong();
        subscriptions.add(bus.subscribe(batch -> {
            RuntimeException first = null;
            for (Signal signal : batch) {
                try {
                    for (Detector detector : chain) {
                        detector.observe(signal, sink);
                    }
                } catch (RuntimeException e) {
                    // One signal that breaks a detector must not cost the others of its delivery.
                    first = first == null ? e : first;
                    signalFailed(signal, e, signalFailures.incrementAndGet());
                }
            }
            if (first != null) {
                throw first; // the bus counts the delivery as a subscriber failure
            }
        }));
        EscalationRules rules = new EscalationRules(tracker, escalation, stage::latest,
                knownServices, trail, clock, unresolvedAfter, 0.5);
        AutoDegradation degrade = null;
        if (degradationPolicy != null) {
            HealthScore score = degradationScore;
            if (score == null) {
                HealthScoreboard board = HealthScoreboard.of(degradationPolicy.service());
                subscriptions.add(board.attach(bus));
                score = board;
            }
            degrade = AutoDegradation.builder().policy(degradationPolicy).health(score).control(degradationControl)
                    .clock(clock).flags(orchestrator.flags()).audit(trail).escalation(new EscalationPortSink(audited))
                    .build();
        }
        return new ControlLoop(tracker, stage, orchestrator, learner, rules, subscriptions, degrade);
    }

    /**
     * Rejects a detector that would say its condition goes on less often than every half hold
     * period: the tracker would resolve an incident whose condition goes on, and reopen it.
     */
    private static void requireRepeatWithinHold(List<Detector> detectors, IncidentTrackerConfig tracking) {
        Duration most = tracking.holdPeriod().dividedBy(2);
        for (Detector detector : detectors) {
            List<? extends Detector> parts = detector instanceof DetectorChain chain ? chain.seriesDetectors()
                    : List.of(detector);
            for (Detector part : parts) {
                if (part instanceof RepeatingDetector repeating && repeating.repeat().compareTo(most) > 0) {
                    throw new IllegalArgumentException("the " + part.name() + " detector repeats a firing detection"
                            + " every " + repeating.repeat() + ", more than half the hold period " + tracking.holdPeriod()
                            + ": its incidents would resolve while their condition goes on; create it with a repeat of "
                            + tracking.firingRepeat() + " (IncidentTrackerConfig.firingRepeat())");
                }
            }
        }
    }

    /** The root of another active incident whose diagnosis names {@code service} as affected downstream. */
    static Optional<String> heldBy(String service, IncidentTracker tracker, DiagnosisStage stage) {
        for (Incident incident : tracker.active()) {
            Optional<Diagnosis> d = stage.latest(incident.id());
            if (d.isPresent() && !d.get().rootService().equals(service)
                    && d.get().impact().affectedServices().contains(service)) {
                return Optional.of(d.get().rootService() + " is the diagnosed root of incident " + incident.id()
                        + " (" + d.get().category().label() + "); " + service + " is affected downstream");
            }
        }
        return Optional.empty();
    }

    /** Logs a signal the detectors threw on, the {@code count}th of its loop: the 1st, 2nd, 4th, 8th... */
    private static void signalFailed(Signal signal, RuntimeException e, long count) {
        if (Long.bitCount(count) == 1) { // a storm of them does not flood the log
            LOG.warn("the detectors failed on a {} signal of service '{}' ({} such signals so far); the rest of its"
                    + " delivery goes on", signal.getClass().getSimpleName(), signal.service(), count, e);
        }
    }

    /**
     * The trigger of an incident opened before this process started (the trigger of one opened since
     * is kept when it opens): the detection its timeline's first entry says opened it. When the
     * timeline cannot be read or says nothing, {@link TriggerType#MANUAL}: recovery then runs only a
     * workflow a person names.
     */
    private static TriggerType openedBy(IncidentStore incidents, String incidentId) {
        try {
            for (TimelineEntry entry : incidents.timeline(incidentId)) {
                if (entry.type() == TimelineEntry.Type.OPENED) {
                    return DetectionTriggers.of(entry).orElse(TriggerType.MANUAL);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("the trigger of incident {} is not known (its timeline cannot be read: {}); recovery treats it as"
                    + " manual", incidentId, e.toString());
        }
        return TriggerType.MANUAL;
    }

}
