package io.homeostat.core.fallback;

import io.homeostat.core.CallContext;
import io.homeostat.core.GuardException;
import io.homeostat.core.classify.ErrorCategory;
import java.util.List;
import java.util.stream.Collectors;

/**
 * No fallback tier may or can serve a call whose primary path failed: the caller gets this
 * instead of a substitute answer, with explicit {@link #guidance()} (e.g. "Drug-interaction
 * check unavailable: do not prescribe without a pharmacist's manual check"), the primary failure
 * as its cause, and every tier's {@link TierAttempt} for the audit trail.
 *
 * <p>{@link #category()} is {@link ErrorCategory#REJECTED} when the safety policy refused the
 * fallback (no tier was invoked because the policy denied them, or the policy denies every
 * fallback tier for this call, as for a life-critical call under the default rules), and
 * {@link ErrorCategory#UNAVAILABLE} otherwise (tiers were tried and none served, or none is
 * configured). Carries no stack trace of its own: the cause has the one that matters.
 */
public final class FallbackFailedException extends GuardException {

    private final CallContext context;
    private final String guidance;
    private final List<TierAttempt> attempts;

    FallbackFailedException(String guard, ErrorCategory category, CallContext context, String guidance,
            List<TierAttempt> attempts, Throwable cause) {
        super(guard, category, message(guard, category, context, guidance, attempts, cause), cause, false);
        this.context = context;
        this.guidance = guidance;
        this.attempts = List.copyOf(attempts);
    }

    /** The context of the call that could not be served. */
    public CallContext context() {
        return context;
    }

    /** What the caller should do now, as configured on the fallback; never blank. */
    public String guidance() {
        return guidance;
    }

    /** One attempt per configured tier, in order: the policy's decision and what happened. */
    public List<TierAttempt> attempts() {
        return attempts;
    }

    /** Whether the safety policy, rather than the tiers' failures, kept the call from a fallback. */
    public boolean refusedByPolicy() {
        return category() == ErrorCategory.REJECTED;
    }

    private static String message(String guard, ErrorCategory category, CallContext context, String guidance,
            List<TierAttempt> attempts, Throwable cause) {
        String why = category == ErrorCategory.REJECTED ? "the safety policy allows no fallback" : "no fallback tier could serve";
        String tried = attempts.isEmpty()
                ? "no tiers configured"
                : attempts.stream().map(TierAttempt::summary).collect(Collectors.joining("; "));
        String primary = cause instanceof GuardException ? cause.getMessage() : cause.toString();
        return "'" + guard + "': " + why + " for this " + context.operationType().label() + "/"
                + context.criticality().label() + " call [" + tried + "] after: " + primary + ". Guidance: " + guidance;
    }
}
