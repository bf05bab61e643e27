package io.homeostat.store.jdbc;

import java.time.Instant;

/**
 * Failures in one time bucket of an error trend. Immutable.
 *
 * @param bucketStart where the bucket starts (buckets are aligned to the epoch)
 * @param count failures whose time falls in {@code [bucketStart, bucketStart + width)}
 */
public record TrendPoint(Instant bucketStart, long count) {}
