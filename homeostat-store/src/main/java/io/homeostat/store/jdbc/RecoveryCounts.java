package io.homeostat.store.jdbc;

import java.time.Instant;

/**
 * Workflow runs ({@link RecoveryHistory#byHour}) or recovery actions
 * ({@link RecoveryHistory#actionsByHour}) that ended in one hour, by how they ended. Immutable.
 *
 * @param hourStart where the hour starts (UTC, aligned to the epoch)
 * @param succeeded runs that ended {@code SUCCEEDED}; actions that succeeded
 * @param failed runs that ended {@code ABORTED} or {@code ESCALATED}; actions that failed
 * @param rolledBack runs that ended {@code ROLLED_BACK}; actions rolled back
 */
public record RecoveryCounts(Instant hourStart, long succeeded, long failed, long rolledBack) {}
