package io.homeostat.store.jdbc;

import java.time.Instant;

/**
 * One raw metric sample of a series, as charts read it. Immutable.
 *
 * @param time when it was sampled
 * @param value what it was
 */
public record MetricPoint(Instant time, double value) {}
