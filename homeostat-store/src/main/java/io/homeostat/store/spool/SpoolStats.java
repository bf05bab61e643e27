package io.homeostat.store.spool;

/**
 * What a {@link Spool} holds and has been through, at one moment. Immutable.
 *
 * @param pendingEntries entries appended and not yet replayed
 * @param usedBytes bytes the spool file takes, replayed entries included until it is emptied
 * @param maxBytes the bound
 * @param appendedEntries entries appended since it was opened
 * @param replayedEntries entries replayed since it was opened
 * @param refusedEntries appends refused because the spool was full
 * @param discardedTailBytes bytes of torn or corrupt entries cut off when it was opened
 */
public record SpoolStats(
        long pendingEntries,
        long usedBytes,
        long maxBytes,
        long appendedEntries,
        long replayedEntries,
        long refusedEntries,
        long discardedTailBytes) {

    /** The share of the bound in use, in [0, 1]. */
    public double fill() {
        return (double) usedBytes / maxBytes;
    }

    /** Whether the spool is at least 80 % full: time to raise the alarm. */
    public boolean nearFull() {
        return fill() >= Spool.NEAR_FULL;
    }
}
