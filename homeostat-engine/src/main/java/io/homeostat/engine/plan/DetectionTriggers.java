package io.homeostat.engine.plan;

import io.homeostat.engine.detect.Detection;
import java.util.Locale;

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
        return switch (detection.kind()) {
            case PREDICTION -> TriggerType.PREDICTION;
            case ANOMALY -> TriggerType.ANOMALY;
            case PATTERN -> TriggerType.PATTERN;
            case THRESHOLD -> TriggerType.ERROR_THRESHOLD;
            case EVENT -> {
                if (detection.category().equals(MANUAL)) {
                    yield TriggerType.MANUAL;
                }
                String text = (detection.signature() + ' ' + detection.category()).toLowerCase(Locale.ROOT);
                yield text.contains("circuit") ? TriggerType.CIRCUIT_OPEN
                        : text.contains("health") ? TriggerType.HEALTH_CHECK_FAILED : TriggerType.ERROR_THRESHOLD;
            }
        };
    }
}
