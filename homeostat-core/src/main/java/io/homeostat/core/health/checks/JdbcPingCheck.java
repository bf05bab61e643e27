package io.homeostat.core.health.checks;

import io.homeostat.core.health.HealthCheck;
import io.homeostat.core.health.HealthResult;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Takes a connection from a {@link DataSource} and asks the driver whether it is valid
 * ({@link Connection#isValid(int)}): degraded when that took longer than 100 ms (by default),
 * unhealthy when the driver says the connection is not valid; a connection that cannot be had
 * makes the check throw the driver's {@link SQLException}. Details: {@code ping.ms}.
 * Thread-safe if the data source is.
 */
public final class JdbcPingCheck implements HealthCheck {

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration degradedAbove;
    private final int validationSeconds;

    private JdbcPingCheck(DataSource dataSource, Clock clock, Duration degradedAbove, Duration validationTimeout) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.degradedAbove = degradedAbove;
        this.validationSeconds = (int) Math.max(1, validationTimeout.toSeconds());
    }

    /** Pings {@code dataSource} on the system clock: degraded over 100 ms, validation timeout 2 s. */
    public static JdbcPingCheck create(DataSource dataSource) {
        return create(dataSource, Clock.system(), Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    /**
     * Pings {@code dataSource}, timing it with {@code clock}.
     *
     * @param degradedAbove a ping slower than this is degraded
     * @param validationTimeout how long the driver may take to validate; whole seconds, at least 1
     * @throws IllegalArgumentException if a duration is not positive
     */
    public static JdbcPingCheck create(DataSource dataSource, Clock clock, Duration degradedAbove,
            Duration validationTimeout) {
        return new JdbcPingCheck(Objects.requireNonNull(dataSource, "dataSource"), Objects.requireNonNull(clock, "clock"),
                Durations.requirePositive(degradedAbove, "degradedAbove"),
                Durations.requirePositive(validationTimeout, "validationTimeout"));
    }

    /** @throws SQLException if no connection could be had or validation failed with an error */
    @Override
    public HealthResult check() throws SQLException {
        long start = clock.monotonicNanos();
        boolean valid;
        try (Connection connection = dataSource.getConnection()) {
            valid = connection.isValid(validationSeconds);
        }
        Duration took = Duration.ofNanos(clock.monotonicNanos() - start);
        HealthResult result;
        if (!valid) {
            result = HealthResult.unhealthy("connection is not valid");
        } else if (took.compareTo(degradedAbove) > 0) {
            result = HealthResult.degraded("ping took " + took.toMillis() + " ms (over " + degradedAbove.toMillis() + " ms)");
        } else {
            result = HealthResult.healthy();
        }
        return result.withDetail("ping.ms", took.toMillis());
    }
}
