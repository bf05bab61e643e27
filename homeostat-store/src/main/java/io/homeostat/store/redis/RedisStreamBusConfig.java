package io.homeostat.store.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RedisStreamSignalBus} uses Redis. Immutable; validated on construction (rejects,
 * never clamps). Made by {@link RedisStreamSignalBusBuilder}, which documents the defaults.
 *
 * @param keyspace the key prefix; the stream is {@code <prefix>:stream:<stream>}
 * @param stream the stream's name
 * @param group the consumer group the control-plane replicas share
 * @param consumer this replica's name in the group; a replica restarted under the same name gets
 *     its own unacknowledged entries back first
 * @param maxLength the approximate length the stream is trimmed to on every XADD (MAXLEN ~);
 *     entries trimmed before a replica read them are gone, so size it for the longest outage of
 *     the control plane
 * @param bufferCapacity the most signals waiting locally to be sent; beyond it publish drops
 * @param batchSize the most signals per pipelined XADD round trip and per XREADGROUP
 * @param claimIdle how long an entry stays unacknowledged by its consumer before another consumer
 *     claims it (XAUTOCLAIM); claims are looked for every half of it
 * @param block how long one XREADGROUP waits for new entries; must stay under the client's
 *     command timeout
 */
public record RedisStreamBusConfig(
        RedisKeyspace keyspace,
        String stream,
        String group,
        String consumer,
        long maxLength,
        int bufferCapacity,
        int batchSize,
        Duration claimIdle,
        Duration block) {

    /**
     * @throws NullPointerException if a field is null
     * @throws IllegalArgumentException if a name is blank, a size not positive, {@code batchSize}
     *     above {@code bufferCapacity}, or a duration shorter than 1 ms
     */
    public RedisStreamBusConfig {
        Objects.requireNonNull(keyspace, "keyspace");
        requireName(stream, "stream");
        requireName(group, "group");
        requireName(consumer, "consumer");
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive, was " + maxLength);
        }
        if (bufferCapacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "bufferCapacity and batchSize must be positive, were " + bufferCapacity + " and " + batchSize);
        }
        if (batchSize > bufferCapacity) {
            throw new IllegalArgumentException(
                    "batchSize (" + batchSize + ") must not exceed bufferCapacity (" + bufferCapacity + ")");
        }
        requireMillis(claimIdle, "claimIdle");
        requireMillis(block, "block");
    }

    /** The stream's key. */
    public String streamKey() {
        return keyspace.key("stream", stream);
    }

    private static void requireName(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    private static void requireMillis(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(field + " must be at least 1 ms, was " + value);
        }
    }
}
