package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.store.redis.RedisConnector;
import io.homeostat.store.redis.RedisKeyspace;
import io.homeostat.store.redis.RedisStreamSignalBus;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributed mode's way in: an application publishes signals to a Redis stream with
 * {@link RedisStreamSignalBus}, and a server whose {@code homeostat.yaml} names that stream reads
 * them into its loop. Real Redis at 127.0.0.1:6379 ({@code HOMEOSTAT_REDIS_URL}), under a key
 * prefix of the test's own, deleted after it.
 */
class RedisSignalSourceTest {

    private static final String URL = System.getenv().getOrDefault("HOMEOSTAT_REDIS_URL", "redis://127.0.0.1:6379");

    @TempDir
    Path data;

    private final String prefix = "homeostat-test:" + UUID.randomUUID();
    private final RedisClient client = RedisConnector.client(URL);

    @AfterEach
    void deleteKeys() {
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            var keys = redis.sync().keys(prefix + ":*");
            if (!keys.isEmpty()) {
                redis.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    private Path file(String redis) throws IOException {
        return Files.writeString(data.resolve("homeostat.yaml"), redis);
    }

    /** A server whose homeostat.yaml names the stream {@code signals} under the test's prefix. */
    private RunningServer serverReadingTheStream() throws IOException {
        Path file = file("redis: {url: \"" + URL + "\", prefix: \"" + prefix + "\", stream: signals}\n");
        return RunningServer.withConfigFile(data, file, fromFile -> fromFile.withAddress("127.0.0.1", 0)
                .withDataDirectory(data));
    }

    /** An application publishing to that stream, as applications do. */
    private RedisStreamSignalBus application() {
        return RedisStreamSignalBus.builder(client).keyspace(new RedisKeyspace(prefix)).stream("signals").build();
    }

    @Test
    void signalsAnApplicationPublishesToTheStreamReachTheLoop() throws IOException {
        try (RunningServer running = serverReadingTheStream(); RedisStreamSignalBus application = application()) {
            for (int i = 0; i < 50; i++) {
                application.publish(new OperationOutcome("billing", OperationOutcome.Status.SUCCESS, null, 20_000_000L + i,
                        null, RunningServer.START.plusMillis(i), Map.of()));
            }

            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                    running.get("/metrics", running.viewer).text())
                    .contains("homeostat_redis_signals_total{outcome=\"accepted\"} 50"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    running.get("/api/v1/services", running.viewer).text()).contains("\"billing\""));
            assertThat(running.get("/health", null).json().path("checks").path("redis.stream").asText()).isEqualTo("up");
            assertThat(running.get("/api/v1/config", running.viewer).json().path("redis").path("stream").asText())
                    .isEqualTo("signals");
        }
    }

    @Test
    void aSignalTooFarAheadOfTheServersClockIsRefusedAsOverHttp() throws IOException {
        try (RunningServer running = serverReadingTheStream(); RedisStreamSignalBus application = application()) {
            application.publish(new OperationOutcome("ahead", OperationOutcome.Status.SUCCESS, null, 1L, null,
                    RunningServer.START.plus(Duration.ofHours(1)), Map.of()));
            application.publish(new OperationOutcome("now", OperationOutcome.Status.SUCCESS, null, 1L, null,
                    RunningServer.START, Map.of()));

            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                    running.get("/metrics", running.viewer).text())
                    .contains("homeostat_redis_signals_total{outcome=\"accepted\"} 1")
                    .contains("homeostat_redis_signals_total{outcome=\"too_far_ahead\"} 1"));
        }
    }

    @Test
    void aServerWhoseRedisDoesNotAnswerDoesNotStartAndSaysItIsRedis() throws IOException {
        Path file = file("redis: {url: \"redis://127.0.0.1:1\"}\n");
        assertThatThrownBy(() -> RunningServer.withConfigFile(data, file,
                fromFile -> fromFile.withAddress("127.0.0.1", 0).withDataDirectory(data)))
                .hasMessageStartingWith("cannot reach Redis at redis://127.0.0.1:1 (redis.url): ");
    }

    @Test
    void aRedisSectionThatIsNotARedisUrlIsRefusedWithItsLine() throws IOException {
        Path http = file("server: {port: 9090}\nredis: {url: \"http://127.0.0.1:6379\"}\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(http, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("homeostat.yaml:2:")
                .hasMessageContaining("redis.url").hasMessageContaining("redis://host:port");
        Path colon = file("redis:\n  url: \"redis://127.0.0.1:6379\"\n  prefix: \"shop:\"\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(colon, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("homeostat.yaml:3:")
                .hasMessageContaining("redis.prefix").hasMessageContaining("must not end with ':'");
        Path missing = file("redis: {stream: signals}\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(missing, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("url");
    }
}
