package io.homeostat.core.agent;

/**
 * What an {@link HttpSignalPublisher} did so far. Immutable.
 *
 * @param sentSignals signals the server took (answered 2xx), sent directly or replayed, each once:
 *     a spooled batch the server took part of before it went away again keeps only the rest
 * @param spooledBatches batches written to the spool because the server could not be reached
 * @param replayedBatches spooled batches the server took later, whole or all but refused signals
 * @param rejectedSignals signals the server refused for their content (400 or 422 naming the
 *     signal, 413 for a batch of one): retrying would not help, so they are logged and let go;
 *     the other signals of their batch are sent without them
 * @param droppedSignals signals lost because the spool was full, or handed over after
 *     {@link HttpSignalPublisher#close()}, or still in memory when it gave up waiting
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
