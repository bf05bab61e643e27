package io.homeostat.engine.port;

/** The outcome of the data-integrity validation that went with an audited decision. */
public enum IntegrityOutcome {
    /** Nothing was validated (the action touched no data that could be checked). */
    NOT_CHECKED,
    /** The data was validated and found sound. */
    PASSED,
    /** The validation found a problem; the record's evidence says which. */
    FAILED
}
