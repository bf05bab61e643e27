package io.homeostat.core.agent;

/**
 * What an {@link HttpSignalPublisher} did so far. Immutable.
 *
 * @param sentSignals signals the server took (answered 2xx), sent directly or replayed
 * @param spooledBatches batches written to the spool because the server could not be reached
 * @param replayedBatches spooled batches the server took later
 * @param rejectedSignals signals in batches the server refused for their content (400, 413, 422):
 *     retrying would not help, so they are logged and let go
 * @param droppedSignals signals lost because the spool was full
 * @param bufferedSignals signals waiting in memory for their batch
 * @param spoolEntries batches in the spool now
 * @param spoolBytes bytes in the spool now
 * @param consecutiveFailures failed attempts since the last success (0 when the server answers)
 */
public record AgentStats(
        long sentSignals,
        long spooledBatches,
        long replayedBatches,
        long rejectedSignals,
        long droppedSignals,
        int bufferedSignals,
        int spoolEntries,
        long spoolBytes,
        int consecutiveFailures) {}
