package io.homeostat.server;

import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.plan.DegradationPolicy;
import io.homeostat.server.ingest.RedisSignalSource;
import io.homeostat.server.runtime.AlertingSection;
import io.homeostat.server.runtime.Retention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server listens and what it accepts. Immutable; validated on construction (bad values
 * are rejected with the field's name, never clamped). Start from {@link #defaults()}.
 *
 * @param host the address to bind; default {@code 127.0.0.1} (loopback only: exposing the API,
 *     over plain HTTP, is a decision the operator takes with {@code --host}); not blank
 * @param port the TCP port; default 8080, 0 picks a free one, in [0, 65535]
 * @param dataDirectory where the embedded H2 database and the spools live; default {@code ./data};
 *     not empty
 * @param maxBatchBytes the largest ingest body; default 4 MiB, in [1 KiB, 64 MiB]; larger gets 413
 * @param maxBatchSignals the most signals in one ingest batch; default 10,000, in [1, 100,000]
 * @param maxFutureSkew how far ahead of the server's clock a signal's time may be; default 5 min,
 *     in [0, 1 day]
 * @param degradation how the health score sets the degradation level automatically; default
 *     {@link DegradationPolicy#ofDefaults()} (reduced below 0.8, essential below 0.6, at most
 *     essential without a person, 2 min hold before each step up)
 * @param retention how long the store keeps raw samples and rollups; default
 *     {@link Retention#defaults()} (7 and 90 days, pruned hourly, rolled up every minute)
 * @param incidents how incidents correlate, resolve and flap, when {@code homeostat.yaml} says so;
 *     default empty, which keeps what the loop's {@link io.homeostat.server.runtime.LoopTuning#tracking()}
 *     says ({@link IncidentTrackerConfig#ofDefaults()} unless an embedding application set it)
 * @param alerting who hears about alerts and who is on call, when {@code homeostat.yaml} says so;
 *     default empty: every alert goes to the log and nobody is paged
 * @param redis the Redis stream applications publish signals to (the distributed mode), read
 *     beside {@code POST /api/v1/signals}; default empty: none
 */
public record ServerConfig(
        String host, int port, Path dataDirectory, int maxBatchBytes, int maxBatchSignals, Duration maxFutureSkew,
        DegradationPolicy degradation, Retention retention, Optional<IncidentTrackerConfig> incidents,
        Optional<AlertingSection> alerting, Optional<RedisSignalSource.Settings> redis) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = "127.0.0.1";

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if a field is null
     * @throws IllegalArgumentException naming the field if a value is out of range
     */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(degradation, "degradation");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(alerting, "alerting");
        Objects.requireNonNull(redis, "redis");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (dataDirectory.toString().isBlank()) {
            throw new IllegalArgumentException("dataDirectory must not be empty (use . for the current directory)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        if (maxBatchBytes < 1024 || maxBatchBytes > 64 << 20) {
            throw new IllegalArgumentException("maxBatchBytes must be in [1024, 67108864], was " + maxBatchBytes);
        }
        if (maxBatchSignals < 1 || maxBatchSignals > 100_000) {
            throw new IllegalArgumentException("maxBatchSignals must be in [1, 100000], was " + maxBatchSignals);
        }
        if (maxFutureSkew.isNegative() || maxFutureSkew.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("maxFutureSkew must be in [0, 1 day], was " + maxFutureSkew);
        }
    }

    /**
     * Loopback, port 8080, {@code ./data}, 4 MiB and 10,000 signals a batch, 5 min of skew, the
     * default degradation policy and retention.
     */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, Path.of("data"), 4 << 20, 10_000, Duration.ofMinutes(5),
                DegradationPolicy.ofDefaults(), Retention.defaults(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** This config listening on {@code host}:{@code port}. */
    public ServerConfig withAddress(String host, int port) {
        return new ServerConfig(host, port, dataDirectory, maxBatchBytes, maxBatchSignals, maxFutureSkew, degradation,
                retention, incidents, alerting, redis);
    }

    /** This config keeping its files under {@code dataDirectory}. */
    public ServerConfig withDataDirectory(Path dataDirectory) {
        return new ServerConfig(host, port, dataDirectory, maxBatchBytes, maxBatchSignals, maxFutureSkew, degradation,
                retention, incidents, alerting, redis);
    }

    /** This config with other ingest limits. */
    public ServerConfig withIngestLimits(int maxBatchBytes, int maxBatchSignals, Duration maxFutureSkew) {
        return new ServerConfig(host, port, dataDirectory, maxBatchBytes, maxBatchSignals, maxFutureSkew, degradation,
                retention, incidents, alerting, redis);
    }

    /** This config with another automatic degradation policy. */
    public ServerConfig withDegradation(DegradationPolicy degradation) {
        return new ServerConfig(host, port, dataDirectory, maxBatchBytes, maxBatchSignals, maxFutureSkew, degradation,
                retention, incidents, alerting, redis);
    }

    /** This config with another retention of metric samples and rollups. */
    public ServerConfig withRetention(Retention retention) {
        return new ServerConfig(host, port, dataDirectory, maxBatchBytes, maxBatchSignals, maxFutureSkew, degradation,
                retention, incidents, alerting, redis);
    }

    /** This config with the incident tracking {@code homeostat.yaml} sets. */
    public ServerConfig withIncidents(IncidentTrackerConfig incidents) {
        return new ServerConfig(host, port, dataDirectory, maxBatchBytes, maxBatchSignals, maxFutureSkew, degradation,
                retention, Optional.of(incidents), alerting, redis);
    }

    /** This config with the receivers, routes and on-call rotation of {@code homeostat.yaml}'s alerting section. */
    public ServerConfig withAlerting(AlertingSection alerting) {
        return new ServerConfig(host, port, dataDirectory, maxBatchBytes, maxBatchSignals, maxFutureSkew, degradation,
                retention, incidents, Optional.of(alerting), redis);
    }

    /** This config reading signals from the Redis stream {@code redis} names too. */
    public ServerConfig withRedis(RedisSignalSource.Settings redis) {
        return new ServerConfig(host, port, dataDirectory, maxBatchBytes, maxBatchSignals, maxFutureSkew, degradation,
                retention, incidents, alerting, Optional.of(redis));
    }
}
