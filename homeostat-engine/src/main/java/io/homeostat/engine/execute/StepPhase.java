package io.homeostat.engine.execute;

/** What a {@link StepRecord} says happened to a step. */
public enum StepPhase {
    /** Written before the action runs. */
    STARTED,
    /** The action returned; its undo data is in the record. */
    SUCCEEDED,
    /** The action threw, or its prerequisite did not hold, or a gate forbade it. */
    FAILED,
    /** Its success criteria held for their whole hold. */
    VERIFIED,
    /** Its success criteria did not hold within the step's timeout. */
    UNVERIFIED,
    /**
     * The action returned and the step names no success criteria: the step is done, and nothing was
     * verified, so it proves nothing about the problem (the learner does not count it).
     */
    DONE,
    /** Shadow mode: what it would have done. */
    SHADOWED,
    /** Written before a rollback runs. */
    ROLLBACK_STARTED,
    /** The rollback returned. */
    ROLLED_BACK,
    /** The rollback threw. */
    ROLLBACK_FAILED,
    /**
     * Which alternative of a step with several was chosen, before anything else of the step: the
     * record's action; its detail says why, its data holds the order.
     */
    CHOSEN;

    /**
     * Whether a record in this phase is part of a recovery action (it ran, or was about to): every
     * phase but {@link #SHADOWED} (nothing acted) and {@link #CHOSEN} (a decision, not an act).
     */
    public boolean isAction() {
        return this != SHADOWED && this != CHOSEN;
    }
}
