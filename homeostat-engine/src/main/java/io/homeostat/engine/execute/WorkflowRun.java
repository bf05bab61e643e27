package io.homeostat.engine.execute;

import io.homeostat.engine.plan.TriggerType;
import java.time.Instant;
import java.util.Objects;

/**
 * The durable state of one workflow run for one incident: enough to resume it in another process.
 * Immutable; every change makes a new value with {@link #version()} one higher, which the
 * {@link io.homeostat.engine.port.WorkflowStore} checks (compare-and-set).
 *
 * @param runId unique
 * @param incidentId the incident it recovers
 * @param workflow the workflow's name
 * @param service the service it was chosen for
 * @param trigger what triggered it
 * @param phase where it is
 * @param stepIndex the step being run (equal to the step count once all ran)
 * @param attempt the attempts of the current step so far
 * @param stepState where the current step is
 * @param stepStartedAt when the current step became current, then when it first acted (its timeout counts
 *     from here)
 * @param notBefore the current step does not act before this (delay, backoff)
 * @param verifySince since when the current step's criteria have held without a break
 * @param startedAt when the run started
 * @param deadline when the run times out
 * @param approvedBy who approved the current step; empty text if nobody
 * @param approvalExpiresAt when a pending approval expires (meaningful while awaiting approval)
 * @param actedYet true once an action ran (the trigger is re-checked only before the first)
 * @param reason why it is where it is, in words
 * @param version 1 when created, one more per change
 * @param updatedAt when it last changed
 */
public record WorkflowRun(String runId, String incidentId, String workflow, String service, TriggerType trigger,
        RunPhase phase, int stepIndex, int attempt, StepState stepState, Instant stepStartedAt, Instant notBefore,
        Instant verifySince, Instant startedAt, Instant deadline, String approvedBy, Instant approvalExpiresAt,
        boolean actedYet, String reason, long version, Instant updatedAt) {

    public WorkflowRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(stepState, "stepState");
        Objects.requireNonNull(stepStartedAt, "stepStartedAt");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(verifySince, "verifySince");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(approvalExpiresAt, "approvalExpiresAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (stepIndex < 0 || attempt < 0 || version < 1) {
            throw new IllegalArgumentException("stepIndex and attempt must not be negative and version must be positive");
        }
    }

    /** A new run at its first step, version 1. */
    public static WorkflowRun start(String runId, String incidentId, String workflow, String service,
            TriggerType trigger, Instant now, Instant deadline, Instant firstStepNotBefore) {
        return new WorkflowRun(runId, incidentId, workflow, service, trigger, RunPhase.RUNNING, 0, 0, StepState.READY,
                now, firstStepNotBefore, now, now, deadline, "", now, false, "started", 1, now);
    }

    /** This run in {@code phase} for {@code reason}. */
    public WorkflowRun moved(RunPhase to, String why, Instant now) {
        return new WorkflowRun(runId, incidentId, workflow, service, trigger, to, stepIndex, attempt, stepState,
                stepStartedAt, notBefore, verifySince, startedAt, deadline, approvedBy, approvalExpiresAt, actedYet, why,
                version + 1, now);
    }

    /** This run with its current step in {@code state}, with the given attempt count and times. */
    public WorkflowRun step(StepState state, int attempts, Instant notBeforeTime, Instant verifyingSince, Instant now) {
        return new WorkflowRun(runId, incidentId, workflow, service, trigger, phase, stepIndex, attempts, state,
                stepStartedAt, notBeforeTime, verifyingSince, startedAt, deadline, approvedBy, approvalExpiresAt,
                actedYet || state == StepState.ACTING, reason, version + 1, now);
    }

    /**
     * This run acting on attempt {@code attempts} of its current step. The first attempt starts the
     * step's timeout again: the time the step waited before acting (its delay, a cooldown or a rate
     * limit) is not time the action and its verification had.
     */
    public WorkflowRun acting(int attempts, Instant now) {
        return new WorkflowRun(runId, incidentId, workflow, service, trigger, phase, stepIndex, attempts,
                StepState.ACTING, attempts == 1 ? now : stepStartedAt, notBefore, verifySince, startedAt, deadline,
                approvedBy, approvalExpiresAt, true, reason, version + 1, now);
    }

    /** This run moved to step {@code index}, ready, acting no earlier than {@code notBeforeTime}; approval cleared. */
    public WorkflowRun next(int index, Instant notBeforeTime, Instant now) {
        return new WorkflowRun(runId, incidentId, workflow, service, trigger, phase, index, 0, StepState.READY, now,
                notBeforeTime, now, startedAt, deadline, "", approvalExpiresAt, actedYet, reason, version + 1, now);
    }

    /** This run waiting for approval of its current step until {@code expiresAt}. */
    public WorkflowRun awaitingApproval(Instant expiresAt, String why, Instant now) {
        return new WorkflowRun(runId, incidentId, workflow, service, trigger, RunPhase.AWAITING_APPROVAL, stepIndex,
                attempt, stepState, stepStartedAt, notBefore, verifySince, startedAt, deadline, "", expiresAt, actedYet,
                why, version + 1, now);
    }

    /** This run running again, its current step approved by {@code by}; the step's timeout restarts. */
    public WorkflowRun approved(String by, Instant now) {
        return new WorkflowRun(runId, incidentId, workflow, service, trigger, RunPhase.RUNNING, stepIndex, attempt,
                stepState, now, notBefore, verifySince, startedAt, deadline, by, approvalExpiresAt, actedYet,
                "approved by " + by, version + 1, now);
    }
}
