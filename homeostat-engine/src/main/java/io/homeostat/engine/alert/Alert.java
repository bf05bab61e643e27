package io.homeostat.engine.alert;

import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A report that something needs people: the input of {@link Alerting#fire(Alert)}. Reports with
 * the same labels are one alert; firing it again only refreshes it. Immutable and thread-safe.
 *
 * @param labels the alert's identity
 * @param summary one sentence for people
 * @param time when the condition was observed
 */
public record Alert(Labels labels, String summary, Instant time) {

    public Alert {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(time, "time");
    }

    /**
     * An alert with the usual labels.
     *
     * @param incident the incident id, or empty for none
     * @throws IllegalArgumentException if {@code service} or {@code category} is blank
     */
    public static Alert of(
            String service, Severity severity, String category, String incident, String summary, Instant time) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.SERVICE, service);
        labels.put(Labels.SEVERITY, Labels.name(severity));
        labels.put(Labels.CATEGORY, category);
        if (!incident.isEmpty()) {
            labels.put(Labels.INCIDENT, incident);
        }
        return new Alert(Labels.of(labels), summary, time);
    }

    /**
     * The alert a detection raises, labelled with its service, severity, category and
     * {@code incident} (empty for none). The detection's signature does not become a label:
     * repeated detections of one problem are one alert.
     */
    public static Alert of(Detection detection, String incident) {
        return of(detection.service(), detection.severity(), detection.category(), incident,
                detection.summary(), detection.time());
    }

    /** The alert's id, {@link Labels#fingerprint()}. */
    public String fingerprint() {
        return labels.fingerprint();
    }
}
