package io.homeostat.engine.detect;

/**
 * How much a problem matters, from the taxonomy shared by detections, incidents, diagnoses and
 * alerts. Declared from the most to the least severe, so {@code compareTo} orders by urgency.
 */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    INFO;

    /** The more severe of this and {@code other}. */
    public Severity max(Severity other) {
        return other.ordinal() < ordinal() ? other : this;
    }
}
