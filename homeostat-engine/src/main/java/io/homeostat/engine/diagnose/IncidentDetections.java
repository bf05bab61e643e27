package io.homeostat.engine.diagnose;

import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.engine.incident.IncidentStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The detections of each active incident, collected from an
 * {@link io.homeostat.engine.incident.IncidentTracker}'s events
 * ({@code tracker.listen(detections)}), for the {@link Diagnoser}. Bounded: per incident, the
 * first and the latest firing detection of each fingerprint, at most {@link #MAX_FINGERPRINTS}
 * fingerprints (later ones are not kept); at most {@link #MAX_INCIDENTS} incidents (the oldest is
 * forgotten). A resolved incident is forgotten.
 *
 * <p>Thread-safe: the tracker calls listeners under its lock, readers may be on other threads.
 */
public final class IncidentDetections implements Consumer<IncidentEvent> {

    /** Fingerprints kept per incident: {@value}. */
    public static final int MAX_FINGERPRINTS = 64;
    /** Incidents kept: {@value}. */
    public static final int MAX_INCIDENTS = 1024;

    private final Map<String, Map<String, Detection[]>> byIncident = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Detection[]>> eldest) {
            return size() > MAX_INCIDENTS;
        }
    };

    @Override
    public synchronized void accept(IncidentEvent event) {
        Objects.requireNonNull(event, "event");
        switch (event) {
            case IncidentEvent.Opened e -> add(e.incident().id(), e.detection());
            case IncidentEvent.DetectionAdded e -> add(e.incident().id(), e.detection());
            case IncidentEvent.Correlated e -> add(e.incident().id(), e.detection());
            case IncidentEvent.StatusChanged e when e.to() == IncidentStatus.RESOLVED -> byIncident.remove(e.incident().id());
            case IncidentEvent.StatusChanged e -> { }
            case IncidentEvent.Flapping e -> { }
        }
    }

    /** The kept detections of an incident, first firings in the order they came, then the latest ones; empty if unknown. */
    public synchronized List<Detection> of(String incidentId) {
        Map<String, Detection[]> prints = byIncident.get(incidentId);
        if (prints == null) {
            return List.of();
        }
        List<Detection> all = new ArrayList<>();
        prints.values().forEach(pair -> all.add(pair[0]));
        prints.values().forEach(pair -> {
            if (pair[1] != pair[0]) {
                all.add(pair[1]);
            }
        });
        return List.copyOf(all);
    }

    private void add(String incidentId, Detection detection) {
        if (!detection.firing()) {
            return;
        }
        Map<String, Detection[]> prints = byIncident.computeIfAbsent(incidentId, id -> new LinkedHashMap<>());
        Detection[] pair = prints.get(detection.fingerprintKey());
        if (pair != null) {
            pair[1] = detection;
        } else if (prints.size() < MAX_FINGERPRINTS) {
            prints.put(detection.fingerprintKey(), new Detection[] {detection, detection});
        }
    }
}
