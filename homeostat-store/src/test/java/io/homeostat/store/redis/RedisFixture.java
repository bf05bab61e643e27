package io.homeostat.store.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Redis at 127.0.0.1:6379 (or {@code HOMEOSTAT_REDIS_URL}) for one test: a keyspace of its
 * own ({@code homeostat-test:<uuid>}) and connections that {@link #close()} closes after deleting
 * every key of the keyspace. One Lettuce client is shared by the test JVM; clients through a
 * {@link CuttableProxy} are the fixture's own. Not thread-safe (one per test).
 */
final class RedisFixture implements AutoCloseable {

    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(1500);
    private static final RedisURI URI = RedisURI.create(
            System.getenv().getOrDefault("HOMEOSTAT_REDIS_URL", "redis://127.0.0.1:6379"));
    private static final RedisClient CLIENT = RedisConnector.client(URI, COMMAND_TIMEOUT);

    /** Lettuce logs every failed reconnect with a stack trace; the tests cut connections on purpose. */
    private static final Logger LETTUCE_LOG = quiet("io.lettuce.core");

    private final RedisKeyspace keyspace = new RedisKeyspace("homeostat-test:" + UUID.randomUUID());
    private final List<StatefulRedisConnection<?, ?>> connections = new ArrayList<>();
    private final List<RedisClient> proxyClients = new ArrayList<>();

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    RedisKeyspace keyspace() {
        return keyspace;
    }

    static RedisClient client() {
        return CLIENT;
    }

    static RedisURI uri() {
        return URI;
    }

    /** A new connection with string keys and values. */
    StatefulRedisConnection<String, String> connect() {
        return track(CLIENT.connect());
    }

    /** A new connection with {@code codec}. */
    <K, V> StatefulRedisConnection<K, V> connect(RedisCodec<K, V> codec) {
        return track(CLIENT.connect(codec));
    }

    /** A connection through {@code proxy} (its own client, closed with the fixture). */
    StatefulRedisConnection<String, String> connectThrough(CuttableProxy proxy) {
        return track(clientThrough(proxy).connect());
    }

    /**
     * A client whose connections go through {@code proxy}, with the options of
     * {@link RedisConnector} and a reconnect every 100 ms; shut down with the fixture.
     */
    RedisClient clientThrough(CuttableProxy proxy) {
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.constant(Duration.ofMillis(100))).build();
        RedisURI through = RedisURI.create("127.0.0.1", proxy.port());
        through.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(resources, through);
        client.setOptions(CLIENT.getOptions());
        proxyClients.add(client);
        return client;
    }

    /** Keys of this fixture's keyspace now in Redis. */
    List<String> keys() {
        List<String> found = new ArrayList<>();
        try (StatefulRedisConnection<String, String> connection = CLIENT.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection.sync().scan(cursor,
                        ScanArgs.Builder.matches(keyspace.pattern()).limit(500));
                found.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
        }
        return found;
    }

    private <C extends StatefulRedisConnection<?, ?>> C track(C connection) {
        connections.add(connection);
        return connection;
    }

    @Override
    public void close() {
        for (StatefulRedisConnection<?, ?> connection : connections) {
            connection.close();
        }
        for (RedisClient client : proxyClients) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            client.getResources().shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        }
        List<String> keys = keys();
        if (!keys.isEmpty()) {
            try (StatefulRedisConnection<String, String> connection = CLIENT.connect()) {
                connection.sync().unlink(keys.toArray(String[]::new));
            }
        }
    }
}
