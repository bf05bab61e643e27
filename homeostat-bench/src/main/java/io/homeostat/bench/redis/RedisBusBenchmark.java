package io.homeostat.bench.redis;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.codec.SignalCodec;
import io.homeostat.store.redis.RedisConnector;
import io.homeostat.store.redis.RedisKeyspace;
import io.homeostat.store.redis.RedisStreamSignalBus;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the {@link RedisStreamSignalBus}: signals per second published (accepted, encoded,
 * XADDed in pipelined batches of 512 and confirmed by Redis) and consumed (read by one replica
 * through the consumer group, decoded, delivered, acknowledged), each round beside
 * {@code redis-benchmark} sending the same XADD (same stream options, same JSON payload) over one
 * connection with the same pipeline depth, and over 50 connections (its default). Bounded: one
 * warm-up round (not counted) and a few rounds of a fixed number of signals. Keys live under a fresh prefix and are deleted.
 *
 * <p>Arguments: {@code [--uri redis://127.0.0.1:6379] [--signals 200000] [--rounds 3]}. Prints a
 * table and writes {@code results/redis-bus.json}.
 */
public final class RedisBusBenchmark {

    private static final int BATCH = 512;
    private static final Clock CLOCK = Clock.system();
    private static final long PAUSE_NANOS = 100_000;

    private RedisBusBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = RedisBenchmarkTool.options(args);
        RedisURI uri = RedisURI.create(options.getOrDefault("uri", "redis://127.0.0.1:6379"));
        int signals = Integer.parseInt(options.getOrDefault("signals", "200000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        List<Signal> input = new ArrayList<>(signals);
        for (int i = 0; i < signals; i++) {
            input.add(new MetricSample("checkout", "latency.ms", 12.5 + i % 100, Instant.parse("2026-01-01T00:00:00Z")
                    .plusMillis(i), Map.of("instance", "app-" + (i % 8))));
        }
        String payload = SignalCodec.create().encodeToString(input.get(signals / 2));

        RedisClient client = RedisConnector.client(uri, Duration.ofSeconds(5));
        List<double[]> rows = new ArrayList<>();
        try {
            for (int round = 0; round <= rounds; round++) {
                RedisKeyspace keyspace = new RedisKeyspace("homeostat-bench:" + UUID.randomUUID());
                try {
                    double[] bus = busRound(client, keyspace, input);
                    String referenceKey = keyspace.key("stream", "redis-benchmark");
                    double single = RedisBenchmarkTool.xaddRate(uri, referenceKey, payload, signals, 1, BATCH);
                    double fifty = RedisBenchmarkTool.xaddRate(uri, referenceKey, payload, signals, 50, BATCH);
                    System.out.printf(Locale.ROOT, "%s %d: publish %,.0f/s, consume %,.0f/s, redis-benchmark"
                            + " -c 1 %,.0f/s, -c 50 %,.0f/s%n", round == 0 ? "warm-up" : "round", round, bus[0],
                            bus[1], single, fifty);
                    if (round > 0) {
                        rows.add(new double[] {bus[0], bus[1], single, fifty});
                    }
                } finally {
                    delete(client, keyspace);
                }
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        report(rows, signals, payload.length());
    }

    /** Publishes every signal (waiting, not dropping, when the buffer is full), then consumes them all. */
    private static double[] busRound(RedisClient client, RedisKeyspace keyspace, List<Signal> input) {
        long publishNanos;
        try (RedisStreamSignalBus publisher = RedisStreamSignalBus.builder(client).keyspace(keyspace)
                .batchSize(BATCH).maxLength(10_000_000).build()) {
            // Wait (parked, not spinning: the machine has two cores) rather than let the buffer drop.
            long room = publisher.config().bufferCapacity() - 2L * BATCH;
            long start = CLOCK.monotonicNanos();
            long published = 0;
            for (Signal signal : input) {
                while (published - publisher.sent() >= room) {
                    LockSupport.parkNanos(PAUSE_NANOS);
                }
                publisher.publish(signal);
                published++;
            }
            while (publisher.sent() < input.size()) {
                LockSupport.parkNanos(PAUSE_NANOS);
            }
            publishNanos = CLOCK.monotonicNanos() - start;
            if (publisher.dropped() != 0) {
                throw new IllegalStateException("the benchmark dropped " + publisher.dropped() + " signals");
            }
        }
        AtomicLong received = new AtomicLong();
        long consumeNanos;
        try (RedisStreamSignalBus consumer = RedisStreamSignalBus.builder(client).keyspace(keyspace)
                .batchSize(BATCH).consumer("bench").build()) {
            long start = CLOCK.monotonicNanos();
            consumer.subscribe(batch -> received.addAndGet(batch.size()));
            while (received.get() < input.size()) {
                LockSupport.parkNanos(PAUSE_NANOS);
            }
            consumeNanos = CLOCK.monotonicNanos() - start;
        }
        return new double[] {input.size() * 1e9 / publishNanos, input.size() * 1e9 / consumeNanos};
    }

    private static void delete(RedisClient client, RedisKeyspace keyspace) {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys(keyspace.pattern());
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        }
    }

    private static void report(List<double[]> rows, int signals, int payloadBytes) throws IOException {
        double[] median = new double[4];
        for (int column = 0; column < 4; column++) {
            int c = column;
            median[column] = median(rows.stream().mapToDouble(row -> row[c]).toArray());
        }
        // Ratios per round (each beside its own redis-benchmark run), then their median.
        double versusSingle = median(rows.stream().mapToDouble(row -> row[0] / row[2]).toArray());
        double versusFifty = median(rows.stream().mapToDouble(row -> row[0] / row[3]).toArray());
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%nRedis bus, %,d signals of %d bytes per round, %d rounds (medians)%n",
                signals, payloadBytes, rows.size()));
        table.append(String.format(Locale.ROOT, "| bus publish | bus consume | redis-benchmark XADD -c 1 -P %d |"
                + " redis-benchmark XADD -c 50 -P %d | publish / (-c 1) | publish / (-c 50) |%n", BATCH, BATCH));
        table.append("|---|---|---|---|---|---|\n");
        table.append(String.format(Locale.ROOT, "| %,.0f/s | %,.0f/s | %,.0f/s | %,.0f/s | %.2f | %.2f |%n",
                median[0], median[1], median[2], median[3], versusSingle, versusFifty));
        System.out.print(table);
        String json = String.format(Locale.ROOT, "{\"signals\":%d,\"payloadBytes\":%d,\"rounds\":%d,"
                + "\"publishPerSecond\":%.0f,\"consumePerSecond\":%.0f,\"redisBenchmarkSingle\":%.0f,"
                + "\"redisBenchmarkFifty\":%.0f,\"publishVersusSingle\":%.3f,\"publishVersusFifty\":%.3f}%n",
                signals, payloadBytes, rows.size(), median[0], median[1], median[2], median[3], versusSingle,
                versusFifty);
        Path results = Path.of("results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("redis-bus.json"), json, StandardCharsets.UTF_8);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
