package io.homeostat.engine.detect.pattern;

import java.util.Locale;

/** What sort of regularity a {@link Pattern} is. */
public enum PatternKind {
    /** The same failure signature, episode after episode, within a window. */
    RECURRING,
    /** Episodes of a failure starting around the same time of day on several days. */
    TEMPORAL,
    /** Two services starting to fail within a short interval of each other, repeatedly. */
    CO_OCCURRENCE;

    private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The lower-case name used in signatures and APIs, e.g. {@code co-occurrence}. */
    public String label() {
        return label;
    }
}
