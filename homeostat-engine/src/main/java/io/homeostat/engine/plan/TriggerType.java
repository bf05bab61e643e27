package io.homeostat.engine.plan;

/** What started a recovery: the kind of signal that opened or fed the incident. */
public enum TriggerType {
    CIRCUIT_OPEN,
    HEALTH_CHECK_FAILED,
    ERROR_THRESHOLD,
    ANOMALY,
    PREDICTION,
    PATTERN,
    MANUAL
}
