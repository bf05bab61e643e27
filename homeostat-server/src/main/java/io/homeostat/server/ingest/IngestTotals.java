package io.homeostat.server.ingest;

/** Ingest totals since the server started. */
public record IngestTotals(long accepted, long duplicates, long dropped, long rejectedBatches) {}
