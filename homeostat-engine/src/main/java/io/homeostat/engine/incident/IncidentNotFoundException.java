package io.homeostat.engine.incident;

/** No incident has the given id (in the tracker or in the store asked). */
public final class IncidentNotFoundException extends RuntimeException {

    private final String incidentId;

    /** An exception naming the missing incident. */
    public IncidentNotFoundException(String incidentId) {
        super("no incident with id " + incidentId);
        this.incidentId = incidentId;
    }

    /** The id asked for. */
    public String incidentId() {
        return incidentId;
    }
}
