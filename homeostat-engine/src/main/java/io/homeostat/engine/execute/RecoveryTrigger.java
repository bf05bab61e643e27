package io.homeostat.engine.execute;

import io.homeostat.engine.plan.TriggerType;
import java.util.Objects;

/**
 * A request to recover an incident: what triggered it, on which service, for which category
 * (the diagnosis's, or the detection's). Immutable.
 */
public record RecoveryTrigger(String incidentId, TriggerType type, String service, String category) {

    public RecoveryTrigger {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(category, "category");
    }
}
