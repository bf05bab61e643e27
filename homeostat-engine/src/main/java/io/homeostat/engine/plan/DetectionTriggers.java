package io.homeostat.engine.plan;

import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.incident.TimelineEntry;
import java.util.Locale;
import java.util.Optional;

/**
 * Which {@link TriggerType} a detection stands for: a prediction, anomaly or pattern is itself;
 * a threshold is {@link TriggerType#ERROR_THRESHOLD}; an event is {@link TriggerType#MANUAL} when
 * its category is {@value #MANUAL} (a person asked for a workflow by hand), {@link TriggerType#CIRCUIT_OPEN}
 * when its signature or category names a circuit, {@link TriggerType#HEALTH_CHECK_FAILED} when it
 * names a health check, else {@link TriggerType#ERROR_THRESHOLD}. Stateless.
 */
public final class DetectionTriggers {

    /** The category of the event detection that opens an incident for a manual run: {@value}. */
    public static final String MANUAL = "manual";

    private DetectionTriggers() {
    }

    /** The trigger type of {@code detection}. */
    public static TriggerType of(Detection detection) {
        return of(detection.kind(), detection.category(), detection.signature());
    }

    /** The trigger type of a detection of {@code kind}, {@code category} and {@code signature}. */
    public static TriggerType of(Detection.Kind kind, String category, String signature) {
        return switch (kind) {
            case PREDICTION -> TriggerType.PREDICTION;
            case ANOMALY -> TriggerType.ANOMALY;
            case PATTERN -> TriggerType.PATTERN;
            case THRESHOLD -> TriggerType.ERROR_THRESHOLD;
            case EVENT -> {
                if (category.equals(MANUAL)) {
                    yield TriggerType.MANUAL;
                }
                String text = (signature + ' ' + category).toLowerCase(Locale.ROOT);
                yield text.contains("circuit") ? TriggerType.CIRCUIT_OPEN
                        : text.contains("health") ? TriggerType.HEALTH_CHECK_FAILED : TriggerType.ERROR_THRESHOLD;
            }
        };
    }

    /**
     * The trigger type of the detection an incident's {@link TimelineEntry.Type#OPENED} entry
     * records (its {@code kind} and {@code fingerprint}, {@code service|category|signature}, as the
     * tracker writes them); empty if the entry says neither.
     */
    public static Optional<TriggerType> of(TimelineEntry opened) {
        String kind = opened.evidence().get("kind");
        String[] fingerprint = opened.evidence().getOrDefault("fingerprint", "").split("\\|", 3);
        if (kind == null || fingerprint.length < 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(Detection.Kind.valueOf(kind), fingerprint[1], fingerprint[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a kind of a later version
        }
    }
}
