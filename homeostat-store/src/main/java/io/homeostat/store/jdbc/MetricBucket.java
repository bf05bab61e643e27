package io.homeostat.store.jdbc;

import java.time.Instant;

/**
 * The samples of a series in one minute, rolled up. Immutable.
 *
 * @param bucketStart where the minute starts (aligned to the epoch, UTC)
 * @param count samples in {@code [bucketStart, bucketStart + 1 min)}, at least 1
 * @param mean their mean
 * @param min the smallest
 * @param max the largest
 */
public record MetricBucket(Instant bucketStart, long count, double mean, double min, double max) {}
