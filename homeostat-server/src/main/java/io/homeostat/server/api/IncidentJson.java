package io.homeostat.server.api;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An incident as the API writes it; {@code resolvedAt} is null while it is active. */
record IncidentJson(
        String id, String fingerprint, Set<String> fingerprints, String title, Set<String> services,
        Severity severity, IncidentStatus status, boolean flapping, Instant openedAt, Instant updatedAt,
        Instant resolvedAt, long detectionCount) {

    static IncidentJson of(Incident incident) {
        return new IncidentJson(incident.id(), incident.fingerprint(), incident.fingerprints(), incident.title(),
                incident.services(), incident.severity(), incident.status(), incident.flapping(), incident.openedAt(),
                incident.updatedAt(), incident.resolvedAt().orElse(null), incident.detectionCount());
    }

    /** One timeline entry; {@code detectionId} is empty for entries that are not detections. */
    record Entry(Instant time, TimelineEntry.Type type, String message, String detectionId, Map<String, String> evidence) {

        static Entry of(TimelineEntry entry) {
            return new Entry(entry.time(), entry.type(), entry.message(), entry.detectionId().orElse(""), entry.evidence());
        }
    }

    /** An incident with its timeline. */
    record Detail(IncidentJson incident, List<Entry> timeline) {}
}
