package io.homeostat.engine.codec;

import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import java.util.Optional;

/** The kinds of signal and their names on the wire (the JSON field {@code kind}). */
public enum SignalKind {
    OPERATION_OUTCOME("operation_outcome"),
    METRIC_SAMPLE("metric_sample"),
    HEALTH_REPORT("health_report"),
    CIRCUIT_TRANSITION("circuit_transition"),
    FAILURE_EVENT("failure_event");

    private final String wireName;

    SignalKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON, e.g. {@code metric_sample}. */
    public String wireName() {
        return wireName;
    }

    /** The kind of {@code signal}. */
    public static SignalKind of(Signal signal) {
        return switch (signal) {
            case OperationOutcome ignored -> OPERATION_OUTCOME;
            case MetricSample ignored -> METRIC_SAMPLE;
            case HealthReport ignored -> HEALTH_REPORT;
            case CircuitTransition ignored -> CIRCUIT_TRANSITION;
            case FailureEvent ignored -> FAILURE_EVENT;
        };
    }

    /** The kind named {@code wireName}, or empty if there is none. */
    public static Optional<SignalKind> ofWireName(String wireName) {
        // A switch, not a stream over values(): it runs for every signal read.
        SignalKind kind = switch (wireName) {
            case "operation_outcome" -> OPERATION_OUTCOME;
            case "metric_sample" -> METRIC_SAMPLE;
            case "health_report" -> HEALTH_REPORT;
            case "circuit_transition" -> CIRCUIT_TRANSITION;
            case "failure_event" -> FAILURE_EVENT;
            default -> null;
        };
        return Optional.ofNullable(kind);
    }
}
