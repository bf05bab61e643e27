package io.homeostat.engine.execute;

/** Where a workflow run is. The first three are active: one active run per incident at a time. */
public enum RunPhase {
    /** Running its steps. */
    RUNNING,
    /** A high-risk step waits for a person. */
    AWAITING_APPROVAL,
    /** Undoing the steps that succeeded, then running the workflow's rollback steps. */
    ROLLING_BACK,
    /** Every step ran and its success held on fresh signals. */
    SUCCEEDED,
    /** A step failed with {@code rollback}, the workflow timed out, or it resumed after a crash mid-action; undone. */
    ROLLED_BACK,
    /** A step failed with {@code abort}; nothing undone. */
    ABORTED,
    /** Handed to people without acting further (approval rejected or expired, a gate held it). */
    ESCALATED,
    /** Shadow or monitor mode: recorded what it would do, did nothing. */
    SHADOWED,
    /** The incident had already recovered when the run was about to act: nothing done. */
    SKIPPED;

    /** True while the run may still act. */
    public boolean active() {
        return this == RUNNING || this == AWAITING_APPROVAL || this == ROLLING_BACK;
    }
}
