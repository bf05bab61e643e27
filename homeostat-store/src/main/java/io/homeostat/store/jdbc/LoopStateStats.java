package io.homeostat.store.jdbc;

import io.homeostat.store.spool.SpoolStats;

/**
 * What the store has done with the control loop's own writes (incidents, timelines, diagnoses,
 * workflow runs, step records), at one moment. Immutable. Watch {@link #refusedWrites()} (writes
 * that failed because the database was unreachable and the spool full: the caller was told) and
 * {@link #rejectedWrites()} (spooled writes the database refused when replayed: should stay 0).
 *
 * @param pendingWrites writes waiting in the spool now (the stores' reads see them)
 * @param directWrites writes that went straight to the database since the store opened
 * @param spooledWrites writes that went to the spool because the database was unreachable
 * @param replayedWrites spooled writes written to the database since
 * @param rejectedWrites spooled writes the database refused for their content when replayed (logged, dropped)
 * @param refusedWrites writes that failed because the spool was full or could not be written
 * @param failedAttempts database writes or replays that failed because it could not be reached
 * @param recoveredWrites writes an earlier run left in the spool, found when the store opened
 * @param spool the loop-state spool's counts
 */
public record LoopStateStats(
        long pendingWrites,
        long directWrites,
        long spooledWrites,
        long replayedWrites,
        long rejectedWrites,
        long refusedWrites,
        long failedAttempts,
        long recoveredWrites,
        SpoolStats spool) {}
