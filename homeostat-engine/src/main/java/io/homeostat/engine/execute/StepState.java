package io.homeostat.engine.execute;

/** Where the current step of a running workflow is. */
public enum StepState {
    /** Not acted yet (maybe waiting for its delay or a retry's backoff). */
    READY,
    /** Its action was claimed and is running; a run found in this state after a restart rolls back. */
    ACTING,
    /** Its action succeeded; its success criteria are being checked on fresh signals. */
    VERIFYING
}
