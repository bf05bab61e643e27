package io.homeostat.engine.port;

import java.util.Objects;

/**
 * What an {@link Escalation} did with a request. Immutable and thread-safe.
 *
 * @param escalated true if people were (or will at once be) notified
 * @param level the on-call level notified, 0 for the first; -1 if none
 * @param target who or what was notified (a person on call, a receiver), empty if none
 * @param reason why, in words, e.g. "2 failed attempts, below the threshold of 3"
 */
public record EscalationDecision(boolean escalated, int level, String target, String reason) {

    public EscalationDecision {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
        if (escalated && level < 0) {
            throw new IllegalArgumentException("an escalation names its level");
        }
    }

    /** Nobody was notified, for {@code reason}. */
    public static EscalationDecision declined(String reason) {
        return new EscalationDecision(false, -1, "", reason);
    }
}
