package io.homeostat.engine.port;

/** An incident was saved with an id the store already holds; ids are unique. */
public final class DuplicateIncidentException extends RuntimeException {

    private final String incidentId;

    /** An exception naming the id already taken. */
    public DuplicateIncidentException(String incidentId) {
        super("an incident with id " + incidentId + " already exists");
        this.incidentId = incidentId;
    }

    /** The id already taken. */
    public String incidentId() {
        return incidentId;
    }
}
