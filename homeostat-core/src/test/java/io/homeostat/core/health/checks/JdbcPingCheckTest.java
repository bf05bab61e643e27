package io.homeostat.core.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.health.HealthResult;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.ManualClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC ping against a real in-memory H2 database. */
class JdbcPingCheckTest {

    private static final String URL = "jdbc:h2:mem:ping-check;DB_CLOSE_DELAY=-1";

    private final ManualClock clock = ManualClock.create();
    private Connection keepAlive;

    private static JdbcDataSource dataSource(String password) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(URL);
        dataSource.setUser("sa");
        dataSource.setPassword(password);
        return dataSource;
    }

    @BeforeEach
    void createDatabase() throws SQLException {
        keepAlive = dataSource("secret").getConnection();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        keepAlive.createStatement().execute("SHUTDOWN");
        keepAlive.close();
    }

    @Test
    void fastPingIsHealthy() throws Exception {
        HealthResult result = JdbcPingCheck.create(dataSource("secret"), clock, Duration.ofMillis(100), Duration.ofSeconds(2))
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsEntry("ping.ms", "0");
    }

    @Test
    void pingOver100MillisIsDegraded() throws Exception {
        // time moves 150 ms between the two reads the check makes: a slow database, not a fake one
        Clock slow = new Clock() {
            @Override
            public long wallMillis() {
                return clock.wallMillis();
            }

            @Override
            public long monotonicNanos() {
                long now = clock.monotonicNanos();
                clock.advanceMillis(150);
                return now;
            }

            @Override
            public void sleep(Duration duration) {
                clock.sleep(duration);
            }
        };

        HealthResult result = JdbcPingCheck.create(dataSource("secret"), slow, Duration.ofMillis(100), Duration.ofSeconds(2))
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).isEqualTo("ping took 150 ms (over 100 ms)");
    }

    @Test
    void connectionFailureThrowsTheDriversException() {
        JdbcPingCheck check = JdbcPingCheck.create(dataSource("wrong"), clock, Duration.ofMillis(100), Duration.ofSeconds(2));

        assertThatThrownBy(check::check).isInstanceOf(SQLException.class).hasMessageContaining("password");
    }
}
