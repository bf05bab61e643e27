package io.homeostat.core.fallback;

import io.homeostat.core.safety.SafetyDecision;
import java.util.Locale;
import java.util.Objects;

/**
 * What happened to one tier during one fallback: the safety decision about it and the outcome,
 * for the audit trail. A {@link FallbackFailedException} lists one per configured tier.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tier the tier's name
 * @param kind the tier's kind
 * @param decision the safety policy's decision about this tier for this call
 * @param outcome what happened
 * @param detail what happened, in words (e.g. {@code "too stale: 12m old, max 10m"})
 */
public record TierAttempt(String tier, TierKind kind, SafetyDecision decision, Outcome outcome, String detail) {

    /** What happened to a tier. */
    public enum Outcome {
        /** The policy denied the tier; it was not invoked. */
        DENIED,
        /** The tier was allowed but had nothing to offer (no cache key, cache miss, value too stale). */
        SKIPPED,
        /** The tier threw. */
        FAILED,
        /** The tier's result did not pass its integrity check. */
        REJECTED,
        /** The tier's result was served. */
        SERVED
    }

    /**
     * Validates the attempt.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the outcome contradicts the decision (a denied tier
     *     that was not {@link Outcome#DENIED}, or an allowed one that was)
     */
    public TierAttempt {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        if (decision.denied() != (outcome == Outcome.DENIED)) {
            throw new IllegalArgumentException("outcome " + outcome + " contradicts decision " + decision);
        }
    }

    /** Whether the tier was invoked (it was allowed). */
    public boolean invoked() {
        return outcome != Outcome.DENIED;
    }

    /** One line for logs and warnings, e.g. {@code "alternative 'b': FAILED (threw IOException: down)"}. */
    public String summary() {
        return kind.name().toLowerCase(Locale.ROOT) + " '" + tier + "': " + outcome + " (" + detail + ")";
    }
}
