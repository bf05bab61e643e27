package io.homeostat.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes Lettuce clients with the options the Redis components rely on: commands fail at once
 * while the connection is down (instead of queuing and running later, when their moment has
 * passed), every blocking command has a deadline (the URI's timeout), and the connection comes
 * back by itself. Lettuce's per-command timeout timers are left off: the one asynchronous user,
 * the bus's sender, waits for each batch with its own deadline, and a timer per command is work
 * on the I/O thread for nothing.
 */
public final class RedisConnector {

    /** The default command timeout, 1 s. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private RedisConnector() {}

    /** A client for {@code uri} (e.g. {@code redis://127.0.0.1:6379}) with {@link #DEFAULT_COMMAND_TIMEOUT}. */
    public static RedisClient client(String uri) {
        return client(RedisURI.create(uri), DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * A client for {@code uri} whose commands fail after {@code commandTimeout}. Blocking reads
     * ask for less than that ({@link RedisStreamSignalBus} blocks for at most half of it).
     *
     * @throws IllegalArgumentException if {@code commandTimeout} is not positive
     */
    public static RedisClient client(RedisURI uri, Duration commandTimeout) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.isZero() || commandTimeout.isNegative()) {
            throw new IllegalArgumentException("commandTimeout must be positive, was " + commandTimeout);
        }
        uri.setTimeout(commandTimeout);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }
}
