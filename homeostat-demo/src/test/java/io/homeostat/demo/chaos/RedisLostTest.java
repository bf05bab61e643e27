package io.homeostat.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.Guard;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.fallback.TierKind;
import io.homeostat.core.time.ManualClock;
import io.homeostat.store.redis.RedisConnector;
import io.homeostat.store.redis.RedisKeyspace;
import io.homeostat.store.redis.RedisStreamSignalBus;
import io.homeostat.store.redis.SharedBreakers;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 9, Redis lost in distributed mode: two application instances share their breakers
 * through Redis ({@link SharedBreakers}) and publish signals to a Redis stream
 * ({@link RedisStreamSignalBus}), each under this test's own key prefix. Instance A's connections
 * are then killed on the server ({@code CLIENT KILL ID}, only A's; its client does not reconnect)
 * while its AI provider fails. A's guards go on from local state: the breaker opens, users get the
 * cache, the rule-based triage or guidance, the breaker half-opens and closes again when the
 * provider is back; publishing never blocks. Redis itself stays up for instance B. The shared
 * Redis server is never stopped.
 */
@Timeout(90)
class RedisLostTest {

    private static final long SEED = 8_009L;
    private static final String URL = System.getenv().getOrDefault("HOMEOSTAT_REDIS_URL", "redis://127.0.0.1:6379");
    private static final Logger LETTUCE = quiet();

    private final String name = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
    private final RedisKeyspace keyspace = new RedisKeyspace("homeostat-chaos:" + name);
    private final ManualClock clock = ManualClock.at(ChaosRig.T0);
    private final CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.consecutiveFailures(3);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final RedisClient admin = RedisConnector.client(URL);
    private final RedisClient clientA = clientNamed(name + "-a");
    private final RedisClient clientB = RedisConnector.client(URL);

    /** Lettuce logs every failed command with a stack trace; the test cuts connections on purpose. */
    private static Logger quiet() {
        Logger logger = Logger.getLogger("io.lettuce.core");
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** A client whose connections carry {@code clientName} and are not made again once killed. */
    private static RedisClient clientNamed(String clientName) {
        RedisURI uri = RedisURI.create(URL);
        uri.setClientName(clientName);
        // Generous: on a loaded CI machine the handshake alone has taken more than 500 ms. A killed
        // connection does not wait for it (commands on it are rejected at once, see below).
        uri.setTimeout(Duration.ofSeconds(5));
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder().autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        return client;
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            List<String> keys = new ArrayList<>();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(keyspace.pattern()));
                keys.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
            if (!keys.isEmpty()) {
                connection.sync().unlink(keys.toArray(String[]::new));
            }
        }
        for (RedisClient client : List.of(clientA, clientB, admin)) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    @Test
    void localStateKeepsTheGuardsWorkingWhenAnInstanceLosesRedis() {
        SharedBreakers sharedA = closing(SharedBreakers.builder(clientA.connect()).keyspace(keyspace)
                .scheduler(clock.scheduler()).syncInterval(Duration.ofSeconds(1)).build());
        SharedBreakers sharedB = closing(SharedBreakers.builder(clientB.connect()).keyspace(keyspace)
                .scheduler(clock.scheduler()).syncInterval(Duration.ofSeconds(1)).build());
        RedisStreamSignalBus busA = closing(RedisStreamSignalBus.builder(clientA).keyspace(keyspace).clock(clock).build());
        CircuitBreaker breakerA = sharedA.register(CircuitBreaker.builder("llm:openai").config(breakerConfig).clock(clock));
        CircuitBreaker breakerB = sharedB.register(CircuitBreaker.builder("llm:openai").config(breakerConfig).clock(clock));
        Guard guardA = Guard.builder("llm:openai").clock(clock).circuitBreaker(breakerA).signalBus(busA).build();
        Upstream openai = new Upstream("llm:openai", clock, SEED);
        ProviderRoute llm = ProviderRoute.of("llm", List.of("llm:openai"));
        Triage triage = new Triage(provider -> guardA, llm, Map.of("llm:openai", openai), clock, SEED);

        triage.requests(200);
        assertThat(sharedA.sync()).as("distributed mode is on").isTrue();
        assertThat(sharedA.version("llm:openai")).isPresent();

        killConnectionsNamed(name + "-a");
        openai.down(true);
        for (int second = 0; second < 20; second++) {
            triage.requests(50);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(breakerA.state()).as("tripped on local state").isEqualTo(CircuitState.OPEN);
        assertThat(sharedA.sync()).isFalse();
        assertThat(sharedA.reachable()).isFalse();
        assertThat(sharedA.syncFailures()).isPositive();
        assertThat(triage.failedWithoutGuidance).as("no user-facing error without guidance").isZero();
        assertThat(triage.safetyViolations).isZero();
        assertThat(triage.served(TierKind.CACHED) + triage.served(TierKind.DEGRADED)).isPositive();
        assertThat(triage.requests).isEqualTo(200 + 20 * 50);
        assertThat(busA.published() + busA.dropped()).as("every signal published or counted as dropped")
                .isPositive();
        assertThat(sharedB.sync()).as("Redis itself is up for the other instance").isTrue();
        assertThat(breakerB.state()).as("A's trip could not reach B").isEqualTo(CircuitState.CLOSED);

        openai.heal();
        clock.advance(breakerConfig.resetTimeout());
        Triage after = new Triage(provider -> guardA, llm, Map.of("llm:openai", openai), clock, SEED + 1);
        after.requests(100);
        assertThat(breakerA.state()).as("recovered on local state").isEqualTo(CircuitState.CLOSED);
        assertThat(after.served(TierKind.PRIMARY)).isGreaterThanOrEqualTo(99);
        assertThat(sharedA.sync()).as("still cut off").isFalse();
    }

    /** Kills, on the server, every connection that carries {@code clientName}: only this test's. */
    private void killConnectionsNamed(String clientName) {
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            int killed = 0;
            for (String line : connection.sync().clientList().split("\n")) {
                if (line.contains(" name=" + clientName + " ")) {
                    String id = line.substring(line.indexOf("id=") + 3, line.indexOf(' '));
                    killed += connection.sync().clientKill(io.lettuce.core.KillArgs.Builder.id(Long.parseLong(id))) > 0 ? 1 : 0;
                }
            }
            assertThat(killed).as("instance A's connections (breakers, stream publisher)").isGreaterThanOrEqualTo(2);
        }
    }
}
