package io.homeostat.engine.incident;

import io.homeostat.engine.detect.Detection;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an {@link IncidentTracker} tells its listeners, after the change is stored. Every case
 * carries the time and the incident as it is after the change. Immutable and thread-safe.
 */
public sealed interface IncidentEvent {

    /** When it happened (the tracker's clock). */
    Instant time();

    /** The incident after the change. */
    Incident incident();

    /** A detection matched no active incident and opened this one. */
    record Opened(Instant time, Incident incident, Detection detection) implements IncidentEvent {
        public Opened {
            requireAll(time, incident, detection);
        }
    }

    /** A detection with one of the incident's fingerprints joined it (firing again, or cleared). */
    record DetectionAdded(Instant time, Incident incident, Detection detection) implements IncidentEvent {
        public DetectionAdded {
            requireAll(time, incident, detection);
        }
    }

    /**
     * A detection with a new fingerprint joined because its service is related to
     * {@code relatedService}, one of the incident's services (the same service, or connected in
     * the dependency graph).
     */
    record Correlated(Instant time, Incident incident, Detection detection, String relatedService)
            implements IncidentEvent {
        public Correlated {
            requireAll(time, incident, detection, relatedService);
        }
    }

    /** The incident's status moved, by {@code by} (a person, a stage, or {@code homeostat}) for a reason. */
    record StatusChanged(Instant time, Incident incident, IncidentStatus from, IncidentStatus to, String by,
            String reason) implements IncidentEvent {
        public StatusChanged {
            requireAll(time, incident, from, to, by, reason);
        }
    }

    /** The incident's fingerprint had resolved {@code resolutions} times within {@code window}: it is flapping. */
    record Flapping(Instant time, Incident incident, int resolutions, Duration window) implements IncidentEvent {
        public Flapping {
            requireAll(time, incident, window);
        }
    }

    private static void requireAll(Object... values) {
        for (Object value : values) {
            Objects.requireNonNull(value);
        }
    }
}
