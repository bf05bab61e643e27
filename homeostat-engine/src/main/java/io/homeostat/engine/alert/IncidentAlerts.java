package io.homeostat.engine.alert;

import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.engine.incident.IncidentStatus;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Feeds an incident tracker's events to alerting: each detection that opens, joins or is
 * correlated into an incident fires (or clears) its alert labelled with the incident's id, and an
 * incident that resolves resolves all its alerts, silenced and inhibited ones too, by whoever
 * resolved it. Register with {@code tracker.listen(IncidentAlerts.feeding(alerting))}.
 * Thread-safe (alerting is).
 */
public final class IncidentAlerts implements Consumer<IncidentEvent> {

    private final Alerting alerting;

    private IncidentAlerts(Alerting alerting) {
        this.alerting = alerting;
    }

    /** A listener that feeds {@code alerting}. */
    public static IncidentAlerts feeding(Alerting alerting) {
        return new IncidentAlerts(Objects.requireNonNull(alerting, "alerting"));
    }

    @Override
    public void accept(IncidentEvent event) {
        String incident = event.incident().id();
        switch (event) {
            case IncidentEvent.Opened e -> alerting.observe(e.detection(), incident);
            case IncidentEvent.DetectionAdded e -> alerting.observe(e.detection(), incident);
            case IncidentEvent.Correlated e -> alerting.observe(e.detection(), incident);
            case IncidentEvent.StatusChanged e when e.to() == IncidentStatus.RESOLVED ->
                    alerting.resolveIncident(incident, e.by());
            case IncidentEvent.StatusChanged e -> { }
            case IncidentEvent.Flapping e -> { }
        }
    }
}
