package io.homeostat.server.ingest;

/**
 * What became of an accepted batch.
 *
 * @param accepted signals published to the bus
 * @param duplicates signals ignored because their id was seen before (in this batch or earlier)
 * @param dropped signals the bus refused (full or closed); counted, never silent
 */
public record IngestResult(int accepted, int duplicates, int dropped) {}
