package io.homeostat.store.jdbc;

import java.time.Instant;

/**
 * Workflow runs that ended in one hour, by how they ended. Immutable.
 *
 * @param hourStart where the hour starts (UTC, aligned to the epoch)
 * @param succeeded runs that ended {@code SUCCEEDED}
 * @param failed runs that ended {@code ABORTED} or {@code ESCALATED}
 * @param rolledBack runs that ended {@code ROLLED_BACK}
 */
public record RecoveryCounts(Instant hourStart, long succeeded, long failed, long rolledBack) {}
