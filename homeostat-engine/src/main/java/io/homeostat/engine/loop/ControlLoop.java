package io.homeostat.engine.loop;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.diagnose.DiagnosisStage;
import io.homeostat.engine.execute.AutoDegradation;
import io.homeostat.engine.execute.RecoveryOrchestrator;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.learn.EffectivenessLearner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole loop in one object, built from the ports it is given ({@link ControlLoopBuilder}):
 * signal bus &rarr; detectors &rarr; {@link IncidentTracker} &rarr; {@link DiagnosisStage} &rarr;
 * {@link RecoveryOrchestrator} (workflows chosen by trigger, the diagnosis's root service and
 * category, ordered by learned effectiveness) &rarr; escalation and the audit trail.
 *
 * <ul>
 *   <li>Each diagnosis starts recovery of its incident on the diagnosed <b>root service</b>; a
 *       service that another active incident's diagnosis names as affected downstream of its root
 *       is held (fix the cause, not the symptoms), as is one the escalation port explains upstream.</li>
 *   <li>Every decision goes to the {@link io.homeostat.engine.port.AuditLog} ({@link AuditTrail});
 *       every verified or failed step and run to the learner ({@link OutcomeRecorder}).</li>
 *   <li>Detections also go to the escalation port when it is an
 *       {@link io.homeostat.engine.alert.Alerting} (alerts per incident); critical, unresolved and
 *       high-impact incidents escalate ({@link EscalationRules}); an incident that resolves is
 *       {@linkplain io.homeostat.engine.port.Escalation#resolved resolved} there too.</li>
 * </ul>
 *
 * <p>Nothing runs by itself: {@link #tick()} moves every stage once (the bus delivers detections
 * as it drains), {@link #start} ticks on a scheduler. Thread-safe: each stage is; ticks are
 * serialised by the stages' own locks.
 */
public final class ControlLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);

    /** The stages {@link #tick()} moves, in order; the keys of {@link #stageFailures()}. */
    public static final List<String> STAGES =
            List.of("incidents", "diagnosis", "recovery", "escalation", "degradation");

    private final IncidentTracker tracker;
    private final DiagnosisStage diagnosis;
    private final RecoveryOrchestrator recovery;
    private final EffectivenessLearner learner;
    private final EscalationRules escalations;
    private final List<AutoCloseable> subscriptions;
    private final AutoDegradation degradation;
    private final AtomicLong[] failures = new AtomicLong[STAGES.size()];

    ControlLoop(IncidentTracker tracker, DiagnosisStage diagnosis, RecoveryOrchestrator recovery,
            EffectivenessLearner learner, EscalationRules escalations, List<AutoCloseable> subscriptions) {
        this(tracker, diagnosis, recovery, learner, escalations, subscriptions, null);
    }

    ControlLoop(IncidentTracker tracker, DiagnosisStage diagnosis, RecoveryOrchestrator recovery,
            EffectivenessLearner learner, EscalationRules escalations, List<AutoCloseable> subscriptions,
            AutoDegradation degradation) {
        this.tracker = tracker;
        this.diagnosis = diagnosis;
        this.recovery = recovery;
        this.learner = learner;
        this.escalations = escalations;
        this.subscriptions = new ArrayList<>(subscriptions);
        this.degradation = degradation;
        for (int i = 0; i < failures.length; i++) {
            failures[i] = new AtomicLong();
        }
    }

    /** A builder; see {@link ControlLoopBuilder} for what is required and the defaults. */
    public static ControlLoopBuilder builder() {
        return new ControlLoopBuilder();
    }

    /**
     * Moves every stage once, in loop order: incidents resolve or flap, settled incidents are
     * diagnosed, recovery starts and runs steps, escalation rules apply, and automatic degradation
     * (when configured) follows the health score. Each stage runs even if an earlier one failed
     * (e.g. its store is unreachable): a stage that throws is logged, counted in
     * {@link #stageFailures()} and tried again on the next tick. Never throws.
     */
    public void tick() {
        stage(0, tracker::tick);
        stage(1, diagnosis::tick);
        stage(2, recovery::tick);
        stage(3, escalations::tick);
        if (degradation != null) {
            stage(4, degradation::tick);
        }
    }

    private void stage(int index, Runnable stage) {
        try {
            stage.run();
        } catch (RuntimeException e) {
            long count = failures[index].incrementAndGet();
            LOG.warn("control loop stage {} failed (failure {} of that stage); the next tick tries again: {}",
                    STAGES.get(index), count, e.toString(), e);
        }
    }

    /**
     * How many times each stage of {@link #tick()} threw, by stage name ({@link #STAGES}, in order).
     * A snapshot; counts only grow.
     */
    public Map<String, Long> stageFailures() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < STAGES.size(); i++) {
            counts.put(STAGES.get(i), failures[i].get());
        }
        return Collections.unmodifiableMap(counts);
    }

    /**
     * Ticks every {@code interval} on {@code scheduler}.
     *
     * @return a handle that stops the ticking
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public Cancellable start(Scheduler scheduler, Duration interval) {
        Objects.requireNonNull(scheduler, "scheduler");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        return scheduler.scheduleAtFixedRate(interval, interval, this::tick);
    }

    /** The incident tracker (active incidents, lifecycle, listeners). */
    public IncidentTracker incidents() {
        return tracker;
    }

    /** The diagnosis stage (the latest diagnosis of each active incident). */
    public DiagnosisStage diagnosis() {
        return diagnosis;
    }

    /** The recovery orchestrator (runs, approvals, flags and automation mode). */
    public RecoveryOrchestrator recovery() {
        return recovery;
    }

    /** The effectiveness learner the planner ranks by. */
    public EffectivenessLearner learner() {
        return learner;
    }

    /** Automatic degradation, if configured ({@link ControlLoopBuilder#degradation}). */
    public Optional<AutoDegradation> degradation() {
        return Optional.ofNullable(degradation);
    }

    /**
     * Writes what the tracker holds back ({@link IncidentTracker#flush()}), then unsubscribes from the
     * bus and the tracker; the ports stay open (they are the caller's).
     */
    @Override
    public void close() {
        try {
            tracker.flush(); // what waited to be told of incidents goes to the store before it closes
        } catch (RuntimeException e) {
            LOG.warn("writing the incidents' last changes on close failed: {}", e.toString(), e);
        }
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                // a subscription that cannot close holds nothing of ours
            }
        }
        subscriptions.clear();
    }
}
