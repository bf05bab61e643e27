package io.homeostat.engine.execute;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.execute.EscalationNotice.Kind;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.plan.StepAlternative;
import io.homeostat.engine.plan.SuccessCriterion;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowStep;
import io.homeostat.engine.port.WorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves one run forward by one transition, writing the run and a step record to the store before
 * and after every action. Not thread-safe: the orchestrator calls it under its lock.
 */
final class RunStepper {

    /** How the reason of a run waiting at the gate starts (so the wait is audited once, not every tick). */
    static final String WAITING = "waiting: ";

    private final WorkflowStore store;
    private final ActionCatalog actions;
    private final SafetyGate gate;
    private final RecoveryFlags flags;
    private final RecoveryPolicy policy;
    private final ActionLedger ledger;
    private final MetricSource metrics;
    private final TriggerCheck triggerCheck;
    private final Fencing fencing;
    private final Journal journal;
    private final Clock clock;
    private final StepOrder stepOrder;
    /** Runs held by the fencing, audited once each until they act again. */
    private final Set<String> fenced = ConcurrentHashMap.newKeySet();

    RunStepper(WorkflowStore store, ActionCatalog actions, SafetyGate gate, RecoveryFlags flags, RecoveryPolicy policy,
            ActionLedger ledger, MetricSource metrics, TriggerCheck triggerCheck, Fencing fencing, Journal journal,
            Clock clock, StepOrder stepOrder) {
        this.store = store;
        this.actions = actions;
        this.gate = gate;
        this.flags = flags;
        this.policy = policy;
        this.ledger = ledger;
        this.metrics = metrics;
        this.triggerCheck = triggerCheck;
        this.fencing = fencing;
        this.journal = journal;
        this.clock = clock;
        this.stepOrder = stepOrder;
    }

    /** One transition of {@code run}; returns the run after it, or the same run if it must wait. */
    WorkflowRun advance(WorkflowRun run, Workflow workflow) {
        Instant now = clock.instant();
        return switch (run.phase()) {
            case AWAITING_APPROVAL -> journal.incident(run.incidentId()).isEmpty() ? resolvedWhileWaiting(run, workflow, now)
                    : now.isBefore(run.approvalExpiresAt()) ? run : expire(run);
            case ROLLING_BACK -> rollBack(run, workflow);
            case RUNNING -> running(run, workflow, now);
            default -> run;
        };
    }

    private WorkflowRun running(WorkflowRun run, Workflow workflow, Instant now) {
        if (!now.isBefore(run.deadline())) {
            return startRollback(run, "workflow timed out after " + workflow.timeout());
        }
        if (run.stepIndex() >= workflow.steps().size()) {
            return finish(run, workflow);
        }
        WorkflowStep step = workflow.steps().get(run.stepIndex());
        return switch (run.stepState()) {
            case READY -> now.isBefore(run.notBefore()) ? run : act(run, workflow, chosen(run, workflow, step, now), now);
            case ACTING -> startRollback(run, "step " + step.name() + " was acting when its process stopped; its outcome is unknown");
            case VERIFYING -> verify(run, workflow, recorded(run, step), now);
        };
    }

    /** The step as the alternative chosen for it: recorded before, or ranked, chosen and recorded now. */
    private WorkflowStep chosen(WorkflowRun run, Workflow workflow, WorkflowStep step, Instant now) {
        if (step.alternatives().isEmpty()) {
            return step;
        }
        WorkflowStep recorded = recorded(run, step);
        if (recorded != step) {
            return recorded;
        }
        List<StepOrder.RankedAlternative> given;
        try {
            given = stepOrder.order(run, workflow, step, step.options());
        } catch (RuntimeException e) {
            given = StepOrder.AS_WRITTEN.order(run, workflow, step, step.options()).stream()
                    .map(r -> new StepOrder.RankedAlternative(r.alternative(), "as written (the step order failed: " + e + ")"))
                    .toList();
        }
        List<StepOrder.RankedAlternative> ranked = complete(step, given);
        StepAlternative pick = null;
        List<String> skipped = new ArrayList<>();
        for (StepOrder.RankedAlternative r : ranked) {
            WorkflowStep candidate = step.as(r.alternative());
            Optional<Action> action = actions.find(candidate.action());
            Optional<String> unmet = action.isEmpty() ? Optional.of("no action named " + candidate.action())
                    : unmet(action.get(), request(run, workflow, candidate, 1));
            if (unmet.isEmpty()) {
                pick = r.alternative();
                break;
            }
            skipped.add(candidate.action() + " (" + unmet.get() + ")");
        }
        if (pick == null) {
            pick = ranked.getFirst().alternative();
        }
        String order = String.join(",", ranked.stream().map(r -> r.alternative().action()).toList());
        StringBuilder why = new StringBuilder("chose " + pick.action() + " of " + order + ":");
        Map<String, String> evidence = evidence(workflow, step, pick.action(), "", "step-order");
        evidence.put("order", order);
        for (StepOrder.RankedAlternative r : ranked) {
            why.append(' ').append(r.alternative().action()).append(" - ").append(r.why()).append(';');
            evidence.put("why." + r.alternative().action(), r.why());
        }
        if (!skipped.isEmpty()) {
            why.append(" skipped, prerequisite unmet: ").append(String.join(", ", skipped));
            evidence.put("skipped", String.join(", ", skipped));
        }
        store.append(new StepRecord(run.runId(), run.stepIndex(), step.name(), 1, pick.action(), StepPhase.CHOSEN, now,
                why.toString(), Map.of("order", order)));
        journal.audit(Journal.SELF, "step.ranked", run.incidentId(), run.runId(), why.toString(), evidence);
        return step.as(pick);
    }

    /** The step as the alternative recorded for it; the step itself if it has no alternatives or none was recorded. */
    private WorkflowStep recorded(WorkflowRun run, WorkflowStep step) {
        if (step.alternatives().isEmpty()) {
            return step;
        }
        for (StepRecord r : store.steps(run.runId())) {
            if (r.stepIndex() == run.stepIndex() && r.phase() == StepPhase.CHOSEN) {
                return step.alternative(r.action()).map(step::as).orElse(step);
            }
        }
        return step;
    }

    /** The order as given, without repeats or strangers, then any option it left out, as written. */
    private static List<StepOrder.RankedAlternative> complete(WorkflowStep step, List<StepOrder.RankedAlternative> given) {
        List<StepOrder.RankedAlternative> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (StepOrder.RankedAlternative r : given) {
            if (step.options().contains(r.alternative()) && seen.add(r.alternative().action())) {
                all.add(r);
            }
        }
        for (StepAlternative o : step.options()) {
            if (seen.add(o.action())) {
                all.add(new StepOrder.RankedAlternative(o, "left out by the step order; as written"));
            }
        }
        return all;
    }

    private WorkflowRun act(WorkflowRun run, Workflow workflow, WorkflowStep step, Instant now) {
        Optional<Action> found = actions.find(step.action());
        if (found.isEmpty()) {
            return failStep(run, workflow, step, "no action named " + step.action(), false);
        }
        Action action = found.get();
        ActionRequest request = request(run, workflow, step, run.attempt() + 1);
        Optional<Incident> incident = journal.incident(run.incidentId());
        if (!run.actedYet() && flags.mode() != AutomationMode.SHADOW && flags.mode() != AutomationMode.MONITOR) {
            String recovered = incident.isEmpty() ? "the incident resolved before recovery acted"
                    : triggerCheck.stillHolds(run) ? "" : "the triggering condition no longer holds";
            if (!recovered.isEmpty()) {
                journal.audit(Journal.SELF, "run.skipped", run.incidentId(), run.runId(), recovered, Map.of());
                return save(run.moved(RunPhase.SKIPPED, recovered, now));
            }
        }
        RiskLevel risk;
        try {
            risk = action.risk(request.params());
        } catch (RuntimeException e) {
            return badParams(run, workflow, step, action, request, why(e), now);
        }
        GateDecision decision = gate.decide(new SafetyGate.Question(run.service(), action.name(), risk, action.serves(),
                workflow.context(), incident.map(Incident::flapping).orElse(false), journal.failingServices(),
                !run.approvedBy().isEmpty(), run.runId(), now));
        Map<String, String> evidence = evidence(workflow, step, action.name(), risk.name(), decision.rule());
        switch (decision.verdict()) {
            case SHADOW -> {
                return shadowed(run, workflow, step, request.attempt(), decision.reason(), evidence, now);
            }
            case APPROVAL -> {
                journal.audit(Journal.SELF, "approval.requested", run.incidentId(), run.runId(), decision.reason(), evidence);
                journal.escalate(Kind.APPROVAL_NEEDED, run.incidentId(), run.service(), "approve step " + step.name()
                        + " of workflow " + workflow.name() + " (run " + run.runId() + "): " + decision.reason());
                return save(run.awaitingApproval(now.plus(policy.approvalTimeout()), decision.reason(), now));
            }
            case HOLD -> {
                return escalate(run, "gate.held", decision.reason(), evidence);
            }
            case WAIT -> {
                if (incident.isEmpty()) {
                    String why = "the incident resolved while step " + step.name() + " waited: " + decision.reason();
                    journal.audit(Journal.SELF, "run.skipped", run.incidentId(), run.runId(), why, evidence);
                    return save(run.moved(RunPhase.SKIPPED, why, now));
                }
                if (!decision.until().orElseThrow().isBefore(run.deadline())) {
                    return escalate(run, "gate.held", decision.reason() + "; the workflow's timeout comes first",
                            evidence);
                }
                String waiting = WAITING + step.name() + ": ";
                if (run.reason().startsWith(waiting)) {
                    return run;
                }
                journal.audit(Journal.SELF, "gate.waiting", run.incidentId(), run.runId(), decision.reason(), evidence);
                return save(run.moved(RunPhase.RUNNING, waiting + decision.reason(), now));
            }
            case FORBID -> {
                journal.audit(Journal.SELF, "gate.forbidden", run.incidentId(), run.runId(), decision.reason(), evidence);
                store.append(record(run, step, request.attempt(), StepPhase.FAILED, "forbidden: " + decision.reason(), Map.of()));
                return failStep(run, workflow, step, "forbidden by " + decision.rule() + ": " + decision.reason(), false);
            }
            case ACT -> {
                return perform(run, workflow, step, action, request, evidence, now);
            }
            default -> throw new IllegalStateException(decision.verdict().name());
        }
    }

    private WorkflowRun perform(WorkflowRun run, Workflow workflow, WorkflowStep step, Action action,
            ActionRequest request, Map<String, String> evidence, Instant now) {
        Optional<String> unmet = unmet(action, request);
        if (unmet.isPresent()) {
            journal.audit(Journal.SELF, "step.prerequisite-unmet", run.incidentId(), run.runId(), unmet.get(), evidence);
            store.append(record(run, step, request.attempt(), StepPhase.FAILED, "prerequisite: " + unmet.get(), Map.of()));
            return failStep(run, workflow, step, "prerequisite not met: " + unmet.get(), false);
        }
        if (!fencing.valid(fencing.token())) {
            if (fenced.add(run.runId())) { // once, not at every tick the run waits
                journal.audit(Journal.SELF, "fencing.lost", run.incidentId(), run.runId(),
                        "this process no longer holds the newest lease token " + fencing.token() + "; not acting",
                        evidence);
            }
            return run;
        }
        fenced.remove(run.runId());
        if (!store.claim(request.key(), run.runId())) {
            journal.audit(Journal.SELF, "step.duplicate", run.incidentId(), run.runId(),
                    "idempotency key " + request.key() + " was claimed before; not running it again", evidence);
            return startRollback(run, "step " + step.name() + " was already claimed; its outcome is unknown");
        }
        ledger.record(run.service(), action.name(), now, run.runId());
        store.append(record(run, step, request.attempt(), StepPhase.STARTED, "", Map.of())
                .withRequest(request.params(), run.approvedBy()));
        WorkflowRun acting = save(run.acting(request.attempt(), now));
        ActionResult result;
        try {
            result = action.run(request);
        } catch (RuntimeException e) {
            Instant end = clock.instant();
            String why = why(e);
            store.append(record(run, step, request.attempt(), StepPhase.FAILED, why, Map.of()));
            Map<String, String> failed = new HashMap<>(evidence);
            failed.put("attempt", Integer.toString(request.attempt()));
            journal.audit(Journal.SELF, "step.failed", run.incidentId(), run.runId(), why, failed);
            if (request.attempt() < step.attempts()) {
                Duration backoff = step.backoff().multipliedBy(1L << (request.attempt() - 1));
                return save(acting.step(StepState.READY, request.attempt(), end.plus(backoff), end, end));
            }
            return failStep(acting, workflow, step, why, true);
        }
        Instant end = clock.instant();
        store.append(record(run, step, request.attempt(), StepPhase.SUCCEEDED, result.detail(), result.undo()));
        Map<String, String> acted = new HashMap<>(evidence);
        acted.put("attempt", Integer.toString(request.attempt()));
        journal.audit(Journal.SELF, "step.acted", run.incidentId(), run.runId(), result.detail(), acted);
        return save(acting.step(StepState.VERIFYING, request.attempt(), acting.notBefore(), end, end));
    }

    /** Records the step as what would happen, tells people in monitor mode, and moves to the next step. */
    private WorkflowRun shadowed(WorkflowRun run, Workflow workflow, WorkflowStep step, int attempt, String why,
            Map<String, String> evidence, Instant now) {
        store.append(record(run, step, attempt, StepPhase.SHADOWED, why, Map.of()));
        journal.audit(Journal.SELF, "step.shadowed", run.incidentId(), run.runId(), why, evidence);
        if (flags.mode() == AutomationMode.MONITOR) {
            journal.escalate(Kind.ALERT, run.incidentId(), run.service(), "monitor mode, workflow "
                    + workflow.name() + ": " + why);
        }
        WorkflowRun next = nextStep(run, workflow, now);
        return next.stepIndex() >= workflow.steps().size()
                ? save(next.moved(RunPhase.SHADOWED, "shadowed every step", now)) : next;
    }

    /**
     * A step whose action could not read its parameters (its risk threw): in shadow and monitor mode
     * recorded as what would happen, as any step there; otherwise the step fails and its
     * {@code on_failure} follows, as for an action that failed.
     */
    private WorkflowRun badParams(WorkflowRun run, Workflow workflow, WorkflowStep step, Action action,
            ActionRequest request, String why, Instant now) {
        String reason = "bad params for " + action.name() + ": " + why;
        Map<String, String> evidence = evidence(workflow, step, action.name(), "", "params");
        if (flags.mode() == AutomationMode.SHADOW || flags.mode() == AutomationMode.MONITOR) {
            return shadowed(run, workflow, step, request.attempt(), "would fail: " + reason, evidence, now);
        }
        store.append(record(run, step, request.attempt(), StepPhase.FAILED, reason, Map.of()));
        journal.audit(Journal.SELF, "step.failed", run.incidentId(), run.runId(), reason, evidence);
        return failStep(run, workflow, step, reason, false);
    }

    /** The action's unmet prerequisite; a check that throws is one, saying why. */
    private static Optional<String> unmet(Action action, ActionRequest request) {
        try {
            return action.unmetPrerequisite(request);
        } catch (RuntimeException e) {
            return Optional.of("the check failed: " + why(e));
        }
    }

    private static String why(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private WorkflowRun verify(WorkflowRun run, Workflow workflow, WorkflowStep step, Instant now) {
        if (step.success().isEmpty()) {
            return done(run, workflow, step, now);
        }
        Duration hold = Duration.ZERO;
        boolean holding = true;
        List<String> readings = new ArrayList<>();
        for (SuccessCriterion c : step.success()) {
            OptionalDouble value = metrics.read(run.service(), c.metric());
            readings.add(c + " read " + (value.isPresent() ? value.getAsDouble() : "nothing"));
            holding &= value.isPresent() && c.test(value.getAsDouble());
            hold = hold.compareTo(c.holdFor()) < 0 ? c.holdFor() : hold;
        }
        Instant since = holding ? run.verifySince() : now;
        if (holding && !since.plus(hold).isAfter(now)) {
            String why = "held for " + hold + ": " + readings;
            store.append(record(run, step, run.attempt(), StepPhase.VERIFIED, why, Map.of()));
            journal.audit(Journal.SELF, "step.verified", run.incidentId(), run.runId(), why, stepEvidence(run, workflow, step));
            return nextStep(run, workflow, now);
        }
        if (!now.isBefore(run.stepStartedAt().plus(step.timeout()))) {
            String why = "success criteria did not hold within " + step.timeout() + ": " + readings;
            store.append(record(run, step, run.attempt(), StepPhase.UNVERIFIED, why, Map.of()));
            journal.audit(Journal.SELF, "step.unverified", run.incidentId(), run.runId(), why, stepEvidence(run, workflow, step));
            return failStep(run, workflow, step, why, false);
        }
        return since.equals(run.verifySince()) ? run : save(run.step(StepState.VERIFYING, run.attempt(), run.notBefore(), since, now));
    }

    /**
     * A step whose action returned and which names no success criteria: done, but not verified
     * ({@code step.done}, not {@code step.verified}), as nothing was checked against fresh signals.
     */
    private WorkflowRun done(WorkflowRun run, Workflow workflow, WorkflowStep step, Instant now) {
        String why = "action succeeded; the step names no success criteria, so nothing was verified";
        store.append(record(run, step, run.attempt(), StepPhase.DONE, why, Map.of()));
        journal.audit(Journal.SELF, "step.done", run.incidentId(), run.runId(), why, stepEvidence(run, workflow, step));
        return nextStep(run, workflow, now);
    }

    private WorkflowRun nextStep(WorkflowRun run, Workflow workflow, Instant now) {
        int next = run.stepIndex() + 1;
        Duration delay = next < workflow.steps().size() ? workflow.steps().get(next).delay() : Duration.ZERO;
        return save(run.next(next, now.plus(delay), now));
    }

    private WorkflowRun failStep(WorkflowRun run, Workflow workflow, WorkflowStep step, String why, boolean acted) {
        Map<String, String> evidence = evidence(workflow, step, step.action(), "", "onFailure:" + step.onFailure());
        return switch (step.onFailure()) {
            case CONTINUE -> {
                journal.audit(Journal.SELF, "step.continue", run.incidentId(), run.runId(),
                        "step " + step.name() + " failed (" + why + "); continuing", evidence);
                yield nextStep(run, workflow, clock.instant());
            }
            case ABORT -> {
                WorkflowRun aborted = save(run.moved(RunPhase.ABORTED, "step " + step.name() + " failed: " + why, clock.instant()));
                journal.audit(Journal.SELF, "run.aborted", run.incidentId(), run.runId(), aborted.reason(), evidence);
                journal.escalate(Kind.RECOVERY_FAILED, run.incidentId(), run.service(),
                        "workflow " + workflow.name() + " aborted: " + aborted.reason());
                journal.failed(run, aborted.reason());
                yield aborted;
            }
            case ROLLBACK -> startRollback(run, "step " + step.name() + " failed: " + why);
        };
    }

    WorkflowRun startRollback(WorkflowRun run, String why) {
        WorkflowRun rolling = save(run.moved(RunPhase.ROLLING_BACK, why, clock.instant()));
        journal.audit(Journal.SELF, "run.rolling-back", run.incidentId(), run.runId(), why, Map.of("workflow", run.workflow()));
        return rolling;
    }

    private WorkflowRun rollBack(WorkflowRun run, Workflow workflow) {
        List<StepRecord> records = store.steps(run.runId());
        Map<String, StepRecord> succeeded = new LinkedHashMap<>();
        Map<String, Boolean> undone = new HashMap<>();
        for (StepRecord r : records) {
            String key = r.stepIndex() + "#" + r.attempt();
            switch (r.phase()) {
                case SUCCEEDED -> succeeded.put(key, r);
                case ROLLBACK_STARTED, ROLLED_BACK, ROLLBACK_FAILED -> undone.put(key, true);
                default -> { }
            }
        }
        List<StepRecord> toUndo = new ArrayList<>(succeeded.values().stream()
                .filter(r -> r.stepIndex() >= 0 && !undone.containsKey(r.stepIndex() + "#" + r.attempt())).toList());
        Collections.reverse(toUndo);
        List<String> held = new ArrayList<>();
        for (StepRecord done : toUndo) {
            WorkflowStep written = workflow.steps().get(done.stepIndex());
            WorkflowStep step = written.alternative(done.action()).map(written::as).orElse(written);
            Optional<Action> action = actions.find(done.action());
            if (flags.killed() && action.isPresent() && action.get().reversible()) {
                journal.audit(Journal.SELF, "step.held", run.incidentId(), run.runId(),
                        "kill switch is on: step " + step.name() + " not undone", Map.of("step", step.name(),
                                "action", done.action()));
                held.add("undo of " + step.name());
                continue;
            }
            ActionRequest request = request(run, workflow, step, done.attempt());
            store.append(record(run.runId(), done.stepIndex(), step, done.attempt(), StepPhase.ROLLBACK_STARTED, "", Map.of()));
            boolean reversible = action.map(Action::reversible).orElse(false);
            try {
                if (reversible) {
                    action.get().rollback(request, new ActionResult(done.detail(), done.data()));
                }
                store.append(record(run.runId(), done.stepIndex(), step, done.attempt(), StepPhase.ROLLED_BACK,
                        reversible ? "undone" : "nothing to undo", Map.of()));
                journal.audit(Journal.SELF, "step.rolled-back", run.incidentId(), run.runId(), reversible
                        ? "undid " + step.name()
                        : "nothing to undo for " + step.name() + ": " + done.action() + " cannot be undone",
                        Map.of("step", step.name(), "action", done.action(), "undone", Boolean.toString(reversible)));
            } catch (RuntimeException e) {
                store.append(record(run.runId(), done.stepIndex(), step, done.attempt(), StepPhase.ROLLBACK_FAILED, String.valueOf(e.getMessage()), Map.of()));
                journal.audit(Journal.SELF, "step.rollback-failed", run.incidentId(), run.runId(),
                        "could not undo " + step.name() + ": " + e.getMessage(), Map.of("step", step.name()));
            }
        }
        for (int i = 0; i < workflow.rollback().size(); i++) {
            WorkflowStep step = workflow.rollback().get(i);
            int index = -1 - i;
            if (records.stream().anyMatch(r -> r.stepIndex() == index)) {
                continue;
            }
            // Its own idempotency key: a rollback step named like a main step that ran must still run.
            ActionRequest request = request(run, workflow, step, "rollback/" + step.name(), 1);
            Optional<Action> action = actions.find(step.action());
            if (flags.killed()) {
                journal.audit(Journal.SELF, "step.held", run.incidentId(), run.runId(),
                        "kill switch is on: rollback step " + step.name() + " not run", Map.of("step", step.name()));
                held.add("rollback step " + step.name());
                continue;
            }
            if (action.isEmpty() || !store.claim(request.key(), run.runId())) {
                continue;
            }
            Map<String, String> evidence = Map.of("workflow", workflow.name(), "step", step.name(),
                    "action", step.action(), "attempt", "1", "rollback", "true");
            try {
                ActionResult result = action.get().run(request);
                store.append(new StepRecord(run.runId(), index, step.name(), 1, step.action(), StepPhase.SUCCEEDED,
                        clock.instant(), result.detail(), result.undo()));
                journal.audit(Journal.SELF, "step.acted", run.incidentId(), run.runId(), result.detail(), evidence);
            } catch (RuntimeException e) {
                store.append(new StepRecord(run.runId(), index, step.name(), 1, step.action(), StepPhase.FAILED,
                        clock.instant(), String.valueOf(e.getMessage()), Map.of()));
                journal.audit(Journal.SELF, "step.failed", run.incidentId(), run.runId(), why(e), evidence);
            }
        }
        WorkflowRun done = save(run.moved(RunPhase.ROLLED_BACK, run.reason(), clock.instant()));
        journal.audit(Journal.SELF, "run.rolled-back", run.incidentId(), run.runId(), run.reason(), Map.of("workflow", workflow.name()));
        journal.escalate(Kind.RECOVERY_FAILED, run.incidentId(), run.service(),
                "workflow " + workflow.name() + " rolled back: " + run.reason()
                        + (held.isEmpty() ? "" : "; held by the kill switch: " + String.join(", ", held)));
        journal.failed(run, "recovery rolled back: " + run.reason());
        return done;
    }

    /**
     * Ends a run whose every step is done. Its incident resolves on the run's word only if some step
     * was verified on fresh signals (its success criteria held); a run where none was (no step names
     * criteria, or those that did failed and were continued past) proves nothing about the problem,
     * so its incident resolves when its own signals clear. {@code run.succeeded} says which in its
     * {@code verified} evidence.
     */
    private WorkflowRun finish(WorkflowRun run, Workflow workflow) {
        boolean verified = store.steps(run.runId()).stream()
                .anyMatch(r -> r.stepIndex() >= 0 && r.phase() == StepPhase.VERIFIED);
        WorkflowRun done = save(run.moved(RunPhase.SUCCEEDED, verified ? "done; verified on fresh signals"
                : "done; no step was verified", clock.instant()));
        journal.audit(Journal.SELF, "run.succeeded", run.incidentId(), run.runId(), done.reason(),
                Map.of("workflow", workflow.name(), "verified", Boolean.toString(verified)));
        if (verified) {
            journal.resolved(run.incidentId(), workflow.name(), "recovered: workflow " + workflow.name() + " verified on fresh signals");
        } else {
            journal.ranUnverified(run.incidentId(), workflow.name());
        }
        return done;
    }

    /**
     * The incident of a run waiting for approval resolved (by itself, by a person): the approval is
     * not needed any more, so the run ends skipped and leaves the approvals queue.
     */
    private WorkflowRun resolvedWhileWaiting(WorkflowRun run, Workflow workflow, Instant now) {
        String step = run.stepIndex() < workflow.steps().size() ? workflow.steps().get(run.stepIndex()).name() : "?";
        String why = "the incident resolved while step " + step + " waited for approval";
        journal.audit(Journal.SELF, "run.skipped", run.incidentId(), run.runId(), why, Map.of("workflow", workflow.name()));
        return save(run.moved(RunPhase.SKIPPED, why, now));
    }

    private WorkflowRun expire(WorkflowRun run) {
        return escalate(run, "approval.expired", "no approval within " + policy.approvalTimeout(), Map.of());
    }

    WorkflowRun escalate(WorkflowRun run, String decision, String why, Map<String, String> evidence) {
        return escalate(run, decision, why, evidence, Kind.HELD,
                "recovery held (" + run.workflow() + "): " + why);
    }

    /** Ends {@code run} escalated, telling people under {@code kind} with {@code message}. */
    WorkflowRun escalate(WorkflowRun run, String decision, String why, Map<String, String> evidence, Kind kind,
            String message) {
        WorkflowRun held = save(run.moved(RunPhase.ESCALATED, why, clock.instant()));
        journal.audit(Journal.SELF, decision, run.incidentId(), run.runId(), why, evidence);
        journal.escalate(kind, run.incidentId(), run.service(), message);
        journal.escalated(run.incidentId(), why);
        return held;
    }

    private WorkflowRun save(WorkflowRun run) {
        store.update(run);
        return run;
    }

    private static ActionRequest request(WorkflowRun run, Workflow workflow, WorkflowStep step, int attempt) {
        return request(run, workflow, step, step.name(), attempt);
    }

    /** The request to run {@code step}, known to its action (and its idempotency key) as {@code name}. */
    private static ActionRequest request(WorkflowRun run, Workflow workflow, WorkflowStep step, String name,
            int attempt) {
        Map<String, String> params = new HashMap<>();
        step.params().forEach((k, v) -> params.put(k, v.replace("${service}", run.service())));
        return new ActionRequest(run.incidentId(), run.runId(), name, attempt, run.service(), params,
                workflow.context());
    }

    private StepRecord record(WorkflowRun run, WorkflowStep step, int attempt, StepPhase phase, String detail,
            Map<String, String> data) {
        return record(run.runId(), run.stepIndex(), step, attempt, phase, detail, data);
    }

    private StepRecord record(String runId, int index, WorkflowStep step, int attempt, StepPhase phase, String detail,
            Map<String, String> data) {
        return new StepRecord(runId, index, step.name(), Math.max(1, attempt), step.action(), phase, clock.instant(),
                detail, data);
    }

    /** The step, its action, its workflow and the attempt: what outcome recording keys on. */
    private static Map<String, String> stepEvidence(WorkflowRun run, Workflow workflow, WorkflowStep step) {
        return Map.of("step", step.name(), "action", step.action(), "workflow", workflow.name(),
                "attempt", Integer.toString(Math.max(1, run.attempt())));
    }

    private static Map<String, String> evidence(Workflow workflow, WorkflowStep step, String action, String risk, String rule) {
        Map<String, String> evidence = new HashMap<>();
        evidence.put("workflow", workflow.name());
        evidence.put("step", step.name());
        evidence.put("action", action);
        if (!risk.isEmpty()) {
            evidence.put("risk", risk);
        }
        evidence.put("rule", rule);
        return evidence;
    }
}
