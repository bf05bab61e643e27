package io.homeostat.engine.execute;

import io.homeostat.engine.detect.Severity;
import java.util.Objects;

/**
 * What recovery tells people. Immutable.
 *
 * @param kind why people hear of it
 * @param incidentId the incident
 * @param service the service the workflow is for
 * @param severity how urgent
 * @param message one line for people
 */
public record EscalationNotice(Kind kind, String incidentId, String service, Severity severity, String message) {

    /** Why people hear of it. */
    public enum Kind {
        /** A step of a workflow is an alert. */
        ALERT,
        /** A high-risk step waits for a person's approval. */
        APPROVAL_NEEDED,
        /** Recovery did not act (a limit, mass failure, flapping, a safety rule, an expired approval): a person should. */
        HELD,
        /** Recovery acted and failed, or rolled back. */
        RECOVERY_FAILED,
        /** A person rejected the high-risk step a run waited on: the run ended, the incident is theirs. */
        APPROVAL_REJECTED
    }

    public EscalationNotice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }
}
