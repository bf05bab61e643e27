package io.homeostat.engine.detect.threshold;

import io.homeostat.core.time.Durations;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.internal.Glob;
import java.time.Duration;
import java.util.Objects;

/**
 * One threshold rule: on every series whose service matches {@code service} (a glob: {@code *}
 * any run of characters, {@code ?} one) and whose metric is {@code metric}, fire once the value
 * has breached {@code threshold} for {@code forDuration}, and clear once it is back past
 * {@code clear}. Immutable and thread-safe; validated on creation.
 *
 * @param name unique among the rules; the signature of its detections
 * @param service glob over service names (default {@code *})
 * @param metric the metric name, exactly
 * @param operator how the value is compared
 * @param threshold the level that breaches
 * @param forDuration how long the breach must last before the rule fires, like Prometheus'
 *     {@code for:} (default 0: the first breaching sample fires); a sample that does not breach
 *     while pending resets it
 * @param clear the level the value must come back past before the rule clears (hysteresis;
 *     default the threshold itself); for an upward operator at or below the threshold, for a
 *     downward one at or above it
 * @param severity how much a firing matters (default {@link Severity#MEDIUM})
 * @param category the problem's category, e.g. {@code errors}, {@code latency}, {@code resource}
 */
public record ThresholdRule(
        String name,
        String service,
        String metric,
        Operator operator,
        double threshold,
        Duration forDuration,
        double clear,
        Severity severity,
        String category) {

    /**
     * @throws IllegalArgumentException if a name is blank, a level is not finite, the duration is
     *     negative, or the clear level is on the firing side of the threshold
     * @throws NullPointerException if a reference is null
     */
    public ThresholdRule {
        requireText(name, "name");
        requireText(service, "service");
        requireText(metric, "metric");
        Objects.requireNonNull(operator, "operator");
        requireFinite(threshold, "threshold");
        Durations.requireNonNegative(forDuration, "for");
        requireFinite(clear, "clear");
        if (operator.upward() ? clear > threshold : clear < threshold) {
            throw new IllegalArgumentException("clear must be " + (operator.upward() ? "at or below" : "at or above")
                    + " the threshold " + threshold + " for " + operator.symbol() + ", was " + clear);
        }
        Objects.requireNonNull(severity, "severity");
        requireText(category, "category");
    }

    /** A rule without hysteresis, firing on the first breach, of medium severity. */
    public static ThresholdRule of(String name, String service, String metric, Operator operator, double threshold,
            String category) {
        return new ThresholdRule(name, service, metric, operator, threshold, Duration.ZERO, threshold,
                Severity.MEDIUM, category);
    }

    /** True if this rule watches the series {@code (service, metric)}. */
    public boolean matches(String serviceName, String metricName) {
        return metric.equals(metricName) && glob(service, serviceName);
    }

    static boolean glob(String pattern, String text) {
        return Glob.matches(pattern, text);
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    private static void requireFinite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
    }
}
