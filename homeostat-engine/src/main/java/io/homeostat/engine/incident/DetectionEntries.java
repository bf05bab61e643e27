package io.homeostat.engine.incident;

import io.homeostat.engine.detect.Detection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The timeline entries and titles the tracker writes for detections. Stateless. */
final class DetectionEntries {

    private DetectionEntries() {}

    static String title(Detection detection) {
        return detection.summary().isBlank()
                ? detection.category() + " on " + detection.service()
                : detection.summary();
    }

    static TimelineEntry entry(Instant now, TimelineEntry.Type type, Detection detection, Map<String, String> extra) {
        Map<String, String> evidence = new LinkedHashMap<>(detection.evidence());
        evidence.put("detector", detection.detector());
        evidence.put("kind", detection.kind().name());
        evidence.put("status", detection.status().name());
        evidence.put("series", detection.series().toString());
        evidence.put("fingerprint", detection.fingerprintKey());
        evidence.put("severity", detection.severity().name());
        evidence.put("confidence", Double.toString(detection.confidence()));
        evidence.put("detectedAt", detection.time().toString());
        evidence.putAll(extra);
        return TimelineEntry.ofDetection(now, type, title(detection), detection.id(), evidence);
    }
}
