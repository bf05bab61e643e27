package io.homeostat.server.ingest;

/**
 * Ingest totals since the server started.
 *
 * @param accepted signals published to the bus
 * @param duplicates signals ignored as seen before
 * @param busyBatches batches refused for now (503) because the bus had no room for them whole
 * @param rejectedBatches batches refused for good (4xx)
 */
public record IngestTotals(long accepted, long duplicates, long busyBatches, long rejectedBatches) {}
