package io.homeostat.core.degrade;

/** How much of the service is on, ordered from everything to nothing. */
public enum DegradationLevel {
    /** Every feature on. */
    FULL,
    /** Optional features off (recommendations, previews, non-essential enrichment). */
    REDUCED,
    /** Only what the service exists for. */
    ESSENTIAL,
    /** Reads only: nothing is written. */
    READ_ONLY,
    /** Down for maintenance: the service answers, but only to say so. */
    MAINTENANCE;

    /** True if this level has less on than {@code other}. */
    public boolean isWorseThan(DegradationLevel other) {
        return ordinal() > other.ordinal();
    }
}
