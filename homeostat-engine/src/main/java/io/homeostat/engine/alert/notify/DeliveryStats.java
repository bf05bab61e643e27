package io.homeostat.engine.alert.notify;

import java.util.List;

/**
 * A channel's counts. Immutable and thread-safe.
 *
 * @param delivered messages delivered
 * @param failedAttempts attempts that failed (each retry counts)
 * @param retries retries scheduled
 * @param deadLettered messages given up on after the last attempt
 * @param pending messages waiting for a retry
 * @param deadLetters the latest dead letters (at most 100), oldest first
 */
public record DeliveryStats(
        long delivered, long failedAttempts, long retries, long deadLettered, int pending, List<DeadLetter> deadLetters) {

    public DeliveryStats {
        deadLetters = List.copyOf(deadLetters);
    }
}
