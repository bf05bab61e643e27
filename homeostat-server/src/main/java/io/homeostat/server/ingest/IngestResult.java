package io.homeostat.server.ingest;

/**
 * What became of an accepted batch: each of its signals was published or ignored as a duplicate.
 *
 * @param accepted signals published to the bus
 * @param duplicates signals ignored because their id was seen before (in this batch or earlier)
 */
public record IngestResult(int accepted, int duplicates) {}
