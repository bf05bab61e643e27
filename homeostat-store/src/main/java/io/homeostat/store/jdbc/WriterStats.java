package io.homeostat.store.jdbc;

import io.homeostat.store.spool.SpoolStats;

/**
 * What the store's batching writer has done, at one moment. Immutable. Watch
 * {@link #droppedRecords()} (records lost because the spool was full: should stay 0),
 * {@link #rejectedRecords()} (rows the database refused for their content) and
 * {@code spool().nearFull()}.
 *
 * @param submittedRecords records handed to the writer
 * @param writtenRecords records written to the database directly or by replay (a replayed
 *     duplicate counts as written)
 * @param spooledRecords records that went to the spool because the database was unreachable
 * @param replayedRecords spooled records written to the database since
 * @param droppedRecords records lost because the spool was full
 * @param rejectedRecords records the database refused for their content (logged one by one)
 * @param failedAttempts database writes that failed because it could not be reached
 * @param queuedRecords records waiting in memory for their batch
 * @param spool the spool's counts
 */
public record WriterStats(
        long submittedRecords,
        long writtenRecords,
        long spooledRecords,
        long replayedRecords,
        long droppedRecords,
        long rejectedRecords,
        long failedAttempts,
        int queuedRecords,
        SpoolStats spool) {}
