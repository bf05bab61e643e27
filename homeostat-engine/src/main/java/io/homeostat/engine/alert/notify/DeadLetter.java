package io.homeostat.engine.alert.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * A message a channel gave up on. Immutable and thread-safe.
 *
 * @param channel the channel's name
 * @param key the notification's key
 * @param payload what would have been sent (the body, never a secret)
 * @param attempts how many attempts were made
 * @param lastError the last attempt's failure
 * @param time when it was given up
 */
public record DeadLetter(String channel, String key, String payload, int attempts, String lastError, Instant time) {

    public DeadLetter {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(time, "time");
    }
}
