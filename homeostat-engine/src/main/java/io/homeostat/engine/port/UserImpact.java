package io.homeostat.engine.port;

/** What users felt from the event an audit record describes, from the least to the most. */
public enum UserImpact {
    /** Users noticed nothing. */
    NONE,
    /** Answers came later than usual. */
    DELAY,
    /** Answers came, with less: cached, partial or from a fallback. */
    DEGRADED,
    /** Users got no answer. */
    UNAVAILABLE
}
