package io.homeostat.core.fallback;

/**
 * Where a result came from: the primary call, or one of the fallback tiers that stand in for it.
 * The safety policy decides per kind which tiers a call may get.
 */
public enum TierKind {
    /** The dependency itself, through the guard. */
    PRIMARY,
    /** Another provider of the same answer (a second vendor, a replica). */
    ALTERNATIVE,
    /** A value stored after an earlier successful primary call; stale by nature. */
    CACHED,
    /** A reduced answer (a simpler model, a partial result, "queued for manual review"). */
    DEGRADED,
    /** A fixed response, the last resort. */
    STATIC
}
