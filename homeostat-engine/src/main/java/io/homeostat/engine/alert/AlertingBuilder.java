package io.homeostat.engine.alert;

import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.alert.escalate.EscalationPolicy;
import io.homeostat.engine.alert.escalate.OnCallLevel;
import io.homeostat.engine.alert.escalate.OnCallRotation;
import io.homeostat.engine.alert.internal.AlertEngine;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.AlertStore;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.SilenceStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Builds an {@link Alerting}. Not thread-safe; the manager it builds is. */
public final class AlertingBuilder {

    private final Scheduler scheduler;
    private final Map<String, Receiver> receivers = new LinkedHashMap<>();
    private Route route;
    private DependencyGraph graph = DependencyGraph.empty();
    private FlapPolicy flapPolicy = FlapPolicy.defaults();
    private EscalationPolicy escalationPolicy = EscalationPolicy.defaults();
    private OnCallRotation rotation;
    private AlertStore store;
    private SilenceStore silences;
    private ActiveAlertStore activeAlerts;
    private final List<Consumer<AlertEvent>> auditHooks = new ArrayList<>();
    private AuditLog auditLog;
    private Executor storeWriter = Runnable::run;
    private Predicate<String> openIncident = incident -> true;

    AlertingBuilder(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Adds a receiver.
     *
     * @throws IllegalArgumentException if a receiver has that name already
     */
    public AlertingBuilder receiver(Receiver receiver) {
        if (receivers.putIfAbsent(receiver.name(), receiver) != null) {
            throw new IllegalArgumentException("two receivers are named " + receiver.name());
        }
        return this;
    }

    /** The routing tree. Required. */
    public AlertingBuilder route(Route root) {
        this.route = Objects.requireNonNull(root, "root");
        return this;
    }

    /** The dependency graph inhibition reads; default empty (nothing inhibits). */
    public AlertingBuilder graph(DependencyGraph graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
        return this;
    }

    /** When an alert flaps; default {@link FlapPolicy#defaults()}. */
    public AlertingBuilder flapPolicy(FlapPolicy policy) {
        this.flapPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * The on-call rotation and the escalation rules; default none: every escalation is declined
     * (and recorded) until a rotation is given. The default policy is {@link EscalationPolicy#defaults()}.
     */
    public AlertingBuilder escalation(EscalationPolicy policy, OnCallRotation rotation) {
        this.escalationPolicy = Objects.requireNonNull(policy, "policy");
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        return this;
    }

    /** Where the alert history goes; default nowhere (the audit hooks still see every event). */
    public AlertingBuilder store(AlertStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return this;
    }

    /**
     * Where silences are kept so that a restart finds them; default nowhere (they last as long as
     * the process). Each silence is saved when it is made and removed when it ends; {@link #build()}
     * restores the stored ones (see {@link SilenceStore}).
     */
    public AlertingBuilder silences(SilenceStore store) {
        this.silences = Objects.requireNonNull(store, "store");
        return this;
    }

    /**
     * Where the alerts that have not resolved are kept, with who acknowledged each, and the
     * escalations followed, so that a restart finds them; default nowhere. An alert is saved when
     * it starts firing and when it is acknowledged, and removed when it resolves; an escalation
     * when it pages a level and when it is acknowledged, and removed when it ends; {@link #build()}
     * restores the stored ones (see {@link ActiveAlertStore}).
     */
    public AlertingBuilder activeAlerts(ActiveAlertStore store) {
        this.activeAlerts = Objects.requireNonNull(store, "store");
        return this;
    }

    /**
     * Where the store writes that nobody waits for run: each changed alert's state in the
     * {@linkplain #activeAlerts active alert store} (after a report, an acknowledgement, a
     * resolution), the removal of a silence that ran out from the {@linkplain #silences silence
     * store}, and the retries of both. Default: the thread that made the change (a report's, an
     * operator's, the scheduler's timer). Give it a thread of its own, as the server does, and a
     * database that stops answering holds neither the thread that reports alerts nor the timers of
     * the scheduler (group notifications, escalations) for as long as its statements wait. Writes
     * run in the order the changes were made; a writer that refuses a task (it was shut down) has it
     * run on the calling thread. Making and ending a silence still write on the caller's thread: the
     * caller is told whether the store took it.
     */
    public AlertingBuilder storeWriter(Executor writer) {
        this.storeWriter = Objects.requireNonNull(writer, "writer");
        return this;
    }

    /** Adds an audit hook: sees every alert event (fired, acknowledged by whom, ...) in order. */
    public AlertingBuilder auditHook(Consumer<AlertEvent> hook) {
        auditHooks.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /**
     * The audit trail that hears of each silence that runs out ({@value Alerting#SILENCE_EXPIRED},
     * actor {@value io.homeostat.engine.port.AlertEvent#SYSTEM}), once per silence, however it
     * was made; default none (nothing is audited). A silence ended early through
     * {@link Alerting#expire} is not: whoever ended it audits that, with who they are.
     */
    public AlertingBuilder audit(AuditLog log) {
        this.auditLog = Objects.requireNonNull(log, "log");
        return this;
    }

    /**
     * Which incidents are still open, for the escalations the {@linkplain #activeAlerts active alert
     * store} keeps: one of an incident that is not ends when the manager is built (the level last
     * paged hears it resolved) instead of going on, before it could climb. Default: every incident
     * is (the caller ends the others itself, e.g. by {@link Alerting#resolveIncident}).
     */
    public AlertingBuilder openIncidents(Predicate<String> open) {
        this.openIncident = Objects.requireNonNull(open, "open");
        return this;
    }

    /**
     * Builds the manager and restores what the {@linkplain #silences silence store} keeps: a silence
     * not over yet mutes from now on; one that ran out while nothing ran is audited as run out at once
     * ({@value Alerting#SILENCE_EXPIRED}) and removed from the store. Then the alerts the
     * {@linkplain #activeAlerts active alert store} keeps fire again as they were: one somebody
     * had acknowledged stays acknowledged and is not notified or escalated again; one nobody had is
     * notified at its group's first tick, as a new alert would be. The escalations it keeps are
     * followed again at the level they had reached, without paging, and climb when they were due
     * to (at once if that passed while nothing ran), at most at the rotation's top level; one of an
     * incident no longer {@linkplain #openIncidents open}, or of an alert not kept, ends; without a
     * rotation they are dropped.
     *
     * @throws IllegalStateException if there is no route, a route or on-call level names an
     *     unknown receiver, or the policy names a level the rotation lacks
     * @throws io.homeostat.engine.port.StoreUnavailableException if a store cannot be read
     */
    public Alerting build() {
        if (route == null) {
            throw new IllegalStateException("alerting needs a route");
        }
        for (String name : route.receivers()) {
            requireReceiver(name, "a route");
        }
        if (rotation != null) {
            for (OnCallLevel level : rotation.levels()) {
                requireReceiver(level.receiver(), "on-call level " + level.name());
            }
            for (String level : escalationPolicy.namedLevels()) {
                if (rotation.indexOf(level).isEmpty()) {
                    throw new IllegalStateException("the escalation policy names level " + level
                            + ", which the on-call rotation lacks");
                }
            }
        }
        AlertStore history = store != null ? store : NoHistory.INSTANCE;
        return new AlertEngine(scheduler, Map.copyOf(receivers), route, graph, flapPolicy, escalationPolicy,
                rotation == null ? List.of() : List.of(rotation), history, silences, activeAlerts,
                List.copyOf(auditHooks),
                auditLog != null ? auditLog::append : record -> { }, storeWriter).restore(openIncident);
    }

    private void requireReceiver(String name, String where) {
        if (!receivers.containsKey(name)) {
            throw new IllegalStateException(where + " names receiver " + name + ", which is not configured");
        }
    }

    /** The store used when none is given: keeps nothing. */
    private enum NoHistory implements AlertStore {
        INSTANCE;

        @Override
        public void append(AlertEvent event) {}

        @Override
        public List<AlertEvent> history(String alertId) {
            return List.of();
        }

        @Override
        public List<AlertEvent> incident(String incidentId) {
            return List.of();
        }

        @Override
        public List<AlertEvent> recent(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
            return List.of();
        }
    }
}
