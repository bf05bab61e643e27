package io.homeostat.core;

import java.util.Locale;

/**
 * What a call is for, as the caller declares it in its {@link CallContext}. The safety policy
 * reads it: what may stand in for a failed call depends on what the answer will be used for.
 */
public enum OperationType {
    /** The result informs a judgement about a patient, a system or a case (e.g. imaging analysis). */
    DIAGNOSTIC,
    /** The result tells someone what to do (e.g. a drug-interaction check before prescribing). */
    PRESCRIPTIVE,
    /** The result is shown for information only. The default. */
    INFORMATIONAL,
    /** The call manages the system itself (configuration, accounts, housekeeping). */
    ADMINISTRATIVE;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in signals, YAML and APIs, e.g. {@code prescriptive}. */
    public String label() {
        return label;
    }
}
