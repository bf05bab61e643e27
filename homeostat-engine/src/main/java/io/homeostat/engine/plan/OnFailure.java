package io.homeostat.engine.plan;

/** What a workflow does when a step fails (its action failed, or its success criteria did not hold in time). */
public enum OnFailure {
    /** Go on with the next step. */
    CONTINUE,
    /** Stop here, undo nothing, escalate. */
    ABORT,
    /** Undo the steps that succeeded, newest first, run the rollback steps, escalate. */
    ROLLBACK
}
