package io.homeostat.store.jdbc;

import io.homeostat.core.signal.MetricSample;

/** A metric sample with the id the writer gave it, so a replay inserts it once. */
record MetricRow(String id, MetricSample sample) {}
