package io.homeostat.engine.incident;

/** An incident was asked to move to a state its lifecycle does not allow from where it is. */
public final class IllegalIncidentTransitionException extends RuntimeException {

    private final String incidentId;
    private final IncidentStatus from;
    private final IncidentStatus to;

    /** An exception naming the incident and the refused move. */
    public IllegalIncidentTransitionException(String incidentId, IncidentStatus from, IncidentStatus to) {
        super("incident " + incidentId + " cannot move from " + from + " to " + to
                + " (allowed: " + from.successors() + ")");
        this.incidentId = incidentId;
        this.from = from;
        this.to = to;
    }

    /** The incident asked to move. */
    public String incidentId() {
        return incidentId;
    }

    /** The state it is in. */
    public IncidentStatus from() {
        return from;
    }

    /** The state it was asked to move to. */
    public IncidentStatus to() {
        return to;
    }
}
