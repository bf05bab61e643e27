package io.homeostat.engine.codec;

import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import java.util.Arrays;
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
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(wireName)).findFirst();
    }
}
