package io.homeostat.core.safety;

import io.homeostat.core.CallContext;
import io.homeostat.core.fallback.TierKind;

/**
 * The answer of a {@link SafetyPolicy} to "may this tier serve this call?": allowed or denied,
 * the rule that decided ({@link SafetyPolicy#NO_RULE} when none covered the tier) and why.
 *
 * <p>Only a {@code SafetyPolicy} creates decisions (this class has no public constructor), so an
 * allowing decision is proof that the policy was asked: a fallback tier runs only when handed one.
 *
 * <p>Immutable and thread-safe.
 */
public final class SafetyDecision {

    private final CallContext context;
    private final TierKind tierKind;
    private final String tierName;
    private final boolean allowed;
    private final boolean integrityRequired;
    private final String rule;
    private final String reason;

    SafetyDecision(CallContext context, TierKind tierKind, String tierName, boolean allowed, boolean integrityRequired,
            String rule, String reason) {
        this.context = context;
        this.tierKind = tierKind;
        this.tierName = tierName;
        this.allowed = allowed;
        this.integrityRequired = integrityRequired;
        this.rule = rule;
        this.reason = reason;
    }

    /** The call the decision is for. */
    public CallContext context() {
        return context;
    }

    /** The kind of tier the decision is about. */
    public TierKind tierKind() {
        return tierKind;
    }

    /** The name of the tier the decision is about. */
    public String tierName() {
        return tierName;
    }

    /** Whether the tier may serve. */
    public boolean allowed() {
        return allowed;
    }

    /** Whether the tier may not serve. */
    public boolean denied() {
        return !allowed;
    }

    /** Whether a rule requires the tier's result to pass its integrity check before it is served. */
    public boolean integrityRequired() {
        return integrityRequired;
    }

    /** The name of the rule that decided, or {@link SafetyPolicy#NO_RULE}. */
    public String rule() {
        return rule;
    }

    /** Why, in words people read in the audit trail. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return (allowed ? "ALLOW " : "DENY ") + tierKind + " '" + tierName + "' for " + context.operationType() + "/"
                + context.criticality() + " by rule '" + rule + "': " + reason;
    }
}
