package io.homeostat.core;

import java.util.Locale;

/**
 * How much depends on a call, as the caller declares it in its {@link CallContext}, from the most
 * to the least critical. The safety policy reads it: a life-critical call gets no substitute
 * answer, it fails explicitly with guidance.
 */
public enum Criticality {
    /** A wrong or stale answer can harm a person. */
    LIFE_CRITICAL,
    /** A wrong answer is costly. */
    HIGH,
    /** The default. */
    MEDIUM,
    /** Best effort. */
    LOW;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in signals, YAML and APIs, e.g. {@code life_critical}. */
    public String label() {
        return label;
    }
}
