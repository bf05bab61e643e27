package io.homeostat.demo.report;

/**
 * One guarded call of the triage application, as the user saw it. Immutable.
 *
 * @param atMillis when it started, milliseconds from the start of the run
 * @param service the dependency called, e.g. {@code pharmaguard}
 * @param outcome how it ended for the user
 * @param tier the tier that served it ({@code primary}, a fallback tier's name), or empty text for an error
 * @param micros how long the call took, end to end
 * @param safetyViolation whether what was served broke the safety policy (e.g. cached data for a
 *     prescriptive call); checked by the application independently of the kernel
 */
public record CallRecord(long atMillis, String service, Outcome outcome, String tier, long micros, boolean safetyViolation) {

    /** How a call ended for the user. */
    public enum Outcome {
        /** The dependency answered. */
        PRIMARY,
        /** A fallback tier answered (alternative provider, cache, degraded, static). */
        FALLBACK,
        /** No answer, but an explicit failure with guidance for the user. */
        GUIDED_ERROR,
        /** An error without guidance: what must never happen. */
        UNGUIDED_ERROR
    }

    /** Whether the user got an answer. */
    public boolean answered() {
        return outcome == Outcome.PRIMARY || outcome == Outcome.FALLBACK;
    }

    /** Whether the user got no answer. */
    public boolean failed() {
        return !answered();
    }
}
