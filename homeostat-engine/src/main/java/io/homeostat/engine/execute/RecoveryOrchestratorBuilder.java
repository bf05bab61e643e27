package io.homeostat.engine.execute;

import io.homeostat.core.safety.SafetyPolicy;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.plan.StepAlternative;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.plan.WorkflowStep;
import io.homeostat.engine.port.WorkflowStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a {@link RecoveryOrchestrator}. Required: {@link #store}, {@link #workflows},
 * {@link #actions}, {@link #tracker}, {@link #metrics}. Defaults: the system clock,
 * {@link RecoveryPolicy#ofDefaults()}, new {@link RecoveryFlags} (full mode), the kernel's
 * {@link SafetyPolicy#defaults()}, {@link TriggerCheck#INCIDENT_ONLY}, {@link Fencing#NONE},
 * {@link WorkflowOrder#AS_CATALOG}, {@link StepOrder#AS_WRITTEN}, and
 * audit and escalation hooks that drop everything. Not thread-safe.
 */
public final class RecoveryOrchestratorBuilder {

    WorkflowStore store;
    WorkflowCatalog workflows;
    ActionCatalog actions;
    IncidentTracker tracker;
    MetricSource metrics;
    Clock clock = Clock.system();
    RecoveryPolicy policy = RecoveryPolicy.ofDefaults();
    RecoveryFlags flags = new RecoveryFlags();
    SafetyPolicy safety = SafetyPolicy.defaults();
    TriggerCheck triggerCheck = TriggerCheck.INCIDENT_ONLY;
    Fencing fencing = Fencing.NONE;
    RecoveryAudit audit = entry -> { };
    EscalationSink escalation = notice -> { };
    Function<String, Optional<String>> upstream = service -> Optional.empty();
    WorkflowOrder order = WorkflowOrder.AS_CATALOG;
    StepOrder stepOrder = StepOrder.AS_WRITTEN;
    int attempts = 1;
    Set<String> uncounted = Set.of();

    RecoveryOrchestratorBuilder() {
    }

    /** The store of runs and step records (required). */
    public RecoveryOrchestratorBuilder store(WorkflowStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return this;
    }

    /** The workflows to choose from (required). */
    public RecoveryOrchestratorBuilder workflows(WorkflowCatalog workflows) {
        this.workflows = Objects.requireNonNull(workflows, "workflows");
        return this;
    }

    /** The actions steps may name (required); every step of every workflow must name one of them. */
    public RecoveryOrchestratorBuilder actions(ActionCatalog actions) {
        this.actions = Objects.requireNonNull(actions, "actions");
        return this;
    }

    /** The incident tracker: incidents are read from it and moved through it (required). */
    public RecoveryOrchestratorBuilder tracker(IncidentTracker tracker) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        return this;
    }

    /** Fresh readings for success criteria (required). */
    public RecoveryOrchestratorBuilder metrics(MetricSource metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /** The clock; default the system clock. */
    public RecoveryOrchestratorBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The limits; default {@link RecoveryPolicy#ofDefaults()}. */
    public RecoveryOrchestratorBuilder policy(RecoveryPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** The run-time flags and mode; default full mode, nothing off. */
    public RecoveryOrchestratorBuilder flags(RecoveryFlags flags) {
        this.flags = Objects.requireNonNull(flags, "flags");
        return this;
    }

    /** The call-context safety policy judged against what an action makes callers get; default {@link SafetyPolicy#defaults()}. */
    public RecoveryOrchestratorBuilder safety(SafetyPolicy safety) {
        this.safety = Objects.requireNonNull(safety, "safety");
        return this;
    }

    /** The re-check of the trigger before the first action; default {@link TriggerCheck#INCIDENT_ONLY}. */
    public RecoveryOrchestratorBuilder triggerCheck(TriggerCheck triggerCheck) {
        this.triggerCheck = Objects.requireNonNull(triggerCheck, "triggerCheck");
        return this;
    }

    /** The lease fencing checked before each action; default {@link Fencing#NONE}. */
    public RecoveryOrchestratorBuilder fencing(Fencing fencing) {
        this.fencing = Objects.requireNonNull(fencing, "fencing");
        return this;
    }

    /** The audit hook; default drops everything. */
    public RecoveryOrchestratorBuilder audit(RecoveryAudit audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
        return this;
    }

    /** Where things go to people; default drops everything. */
    public RecoveryOrchestratorBuilder escalation(EscalationSink escalation) {
        this.escalation = Objects.requireNonNull(escalation, "escalation");
        return this;
    }

    /**
     * What explains a service's trouble upstream (e.g. the alerting's
     * {@code Escalation.upstreamCause}); while it returns a cause, recovery of the service is held
     * (fix the cause, not the symptoms). Default: nothing upstream.
     */
    public RecoveryOrchestratorBuilder upstream(Function<String, Optional<String>> upstream) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        return this;
    }

    /**
     * How many failed runs (rolled back or aborted after acting) an incident may have before it is
     * escalated; between them the incident goes back to DIAGNOSED and recovery starts again (the
     * workflow order chosen afresh) once the {@linkplain RecoveryPolicy#cooldown() cooldown} has
     * passed. Each failure still reaches the escalation sink as {@code RECOVERY_FAILED} (the
     * escalation policy decides from which count it pages). Default 1: the first failure escalates.
     *
     * @throws IllegalArgumentException if {@code attempts} is not in [1, 10]
     */
    public RecoveryOrchestratorBuilder attempts(int attempts) {
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts must be in [1, 10], was " + attempts);
        }
        this.attempts = attempts;
        return this;
    }

    /**
     * Services whose incidents do not count toward the {@linkplain RecoveryPolicy#blastRadius() blast
     * radius}: the runtime's own (Homeostat watching itself), whose trouble says nothing about how
     * much of the system is failing. Default: none.
     */
    public RecoveryOrchestratorBuilder notCountedForBlastRadius(Set<String> services) {
        this.uncounted = Set.copyOf(services);
        return this;
    }

    /** The order of a step's alternatives; default {@link StepOrder#AS_WRITTEN}. */
    public RecoveryOrchestratorBuilder stepOrder(StepOrder stepOrder) {
        this.stepOrder = Objects.requireNonNull(stepOrder, "stepOrder");
        return this;
    }

    /** The order in which matching workflows are tried; default {@link WorkflowOrder#AS_CATALOG}. */
    public RecoveryOrchestratorBuilder order(WorkflowOrder order) {
        this.order = Objects.requireNonNull(order, "order");
        return this;
    }

    /**
     * The orchestrator; it takes over the store's active runs at once (a run caught in the middle
     * of an action rolls back).
     *
     * @throws IllegalStateException if a required part is missing
     * @throws IllegalArgumentException if a workflow step names an action the catalog lacks, or
     *     gives it parameters the action refuses ({@link Action#checkParams})
     */
    public RecoveryOrchestrator build() {
        if (store == null || workflows == null || actions == null || tracker == null || metrics == null) {
            throw new IllegalStateException("store, workflows, actions, tracker and metrics are required");
        }
        requireKnownActions(workflows, actions);
        return new RecoveryOrchestrator(this);
    }

    /**
     * Throws if a step of a workflow of {@code workflows} names an action {@code actions} lacks, or
     * gives it parameters it {@linkplain Action#checkParams refuses}.
     */
    static void requireKnownActions(WorkflowCatalog workflows, ActionCatalog actions) {
        for (Workflow w : workflows.workflows()) {
            for (WorkflowStep s : concat(w)) {
                for (StepAlternative a : s.options()) {
                    Optional<Action> action = actions.find(a.action());
                    if (action.isEmpty()) {
                        throw new IllegalArgumentException("workflow " + w.name() + " step " + s.name()
                                + " names unknown action '" + a.action() + "'; known: " + actions.names());
                    }
                    Optional<String> invalid = action.get().checkParams(a.params());
                    if (invalid.isPresent()) {
                        throw new IllegalArgumentException("workflow " + w.name() + " step " + s.name()
                                + " gives action " + a.action() + " bad params: " + invalid.get());
                    }
                }
            }
        }
    }

    private static List<WorkflowStep> concat(Workflow w) {
        List<WorkflowStep> all = new ArrayList<>(w.steps());
        all.addAll(w.rollback());
        return all;
    }
}
