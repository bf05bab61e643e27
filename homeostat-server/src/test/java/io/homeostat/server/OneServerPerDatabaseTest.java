package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.control.ControlledCapacity;
import io.homeostat.core.control.Restartable;
import io.homeostat.server.runtime.AnotherServerActiveException;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.server.runtime.LoopOptions;
import io.homeostat.store.jdbc.SchemaMigrations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers on one PostgreSQL database: one acts on it at a time, through the database's server
 * lease. A second is refused at start, a server started again on its own data directory gets its
 * holding back, and one whose lease another server took acts no more until it can take it again.
 */
class OneServerPerDatabaseTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    private PostgresBehindRelay postgres;

    @BeforeEach
    void database() throws Exception {
        postgres = new PostgresBehindRelay();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        postgres.close();
    }

    @Test
    void aSecondServerIsRefusedUntilTheFirstStops() {
        try (RunningServer active = new RunningServer(first, postgres.store(first))) {
            assertThat(active.get("/health", null).json().path("checks").path("lease").asText()).isEqualTo("up");

            assertThat(SchemaMigrations.leaseHolder(postgres.store(second), ControlLoop.SERVER_LEASE))
                    .as("what db migrate asks before it changes the schema").hasValueSatisfying(holder ->
                            assertThat(holder).endsWith(":" + first.toAbsolutePath()));
            assertThatThrownBy(() -> new RunningServer(second, postgres.store(second)))
                    .isInstanceOf(AnotherServerActiveException.class)
                    .hasMessageContaining("another server is active on this database")
                    .hasMessageContaining(first.toAbsolutePath().toString());
        }
        assertThat(SchemaMigrations.leaseHolder(postgres.store(second), ControlLoop.SERVER_LEASE))
                .as("nobody runs on it: db migrate may change its schema").isEmpty();
        // A clean stop gives the lease up: the second starts at once.
        try (RunningServer next = new RunningServer(second, postgres.store(second))) {
            assertThat(next.get("/health", null).status()).isEqualTo(200);
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedThoughItWouldBeTheLeasesHolder() {
        try (RunningServer active = new RunningServer(first, postgres.store(first))) {
            assertThatThrownBy(() -> new RunningServer(first, postgres.store(first)))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining("the data directory " + first.toAbsolutePath() + " is in use");
            assertThat(active.get("/health", null).status()).isEqualTo(200);
        }
    }

    @Test
    void aServerStartedAgainOnItsDataDirectoryGetsItsHoldingBack() throws Exception {
        String holder;
        try (RunningServer before = new RunningServer(first, postgres.store(first))) {
            holder = postgres.query("SELECT holder FROM leader_lease");
        }
        assertThat(holder).endsWith(":" + first.toAbsolutePath());
        // As if it had been killed: the holding stands, with the token it had.
        postgres.execute("UPDATE leader_lease SET holder = '" + holder + "', token = 7,"
                + " expires_at = clock_timestamp() + INTERVAL '1 hour'");

        try (RunningServer again = new RunningServer(first, postgres.store(first))) {
            assertThat(again.get("/health", null).json().path("checks").path("lease").asText()).isEqualTo("up");
            assertThat(postgres.query("SELECT token || ' ' || holder FROM leader_lease")).isEqualTo("7 " + holder);
        }
    }

    @Test
    void aHoldingThatLapsedIsTakenAgainWithANewToken() throws Exception {
        try (RunningServer running = new RunningServer(first, postgres.store(first))) {
            String token = postgres.query("SELECT token FROM leader_lease");
            // The database did not answer for longer than the ttl, and nobody took the lease meanwhile.
            postgres.execute("UPDATE leader_lease SET expires_at = clock_timestamp() - INTERVAL '1 second'");

            running.clock.advance(Duration.ofSeconds(5)); // the next renewal

            assertThat(postgres.query("SELECT token FROM leader_lease")).isEqualTo(String.valueOf(Long.parseLong(token) + 1));
            assertThat(running.get("/health", null).json().path("checks").path("lease").asText()).isEqualTo("up");
            assertThat(running.server.ready()).isTrue();
        }
    }

    @Test
    void aServerWhoseLeaseAnotherServerTookStopsWithoutActing() throws Exception {
        List<String> restarts = new CopyOnWriteArrayList<>();
        Restartable orders = (drain, reason) -> {
            restarts.add(reason);
            return "restarted";
        };
        AtomicInteger instances = new AtomicInteger(2);
        LoopOptions options = LoopOptions.defaults().withRestartable("orders", orders)
                .withCapacity("orders", ControlledCapacity.of(1, 4, instances::get, instances::set));
        try (RunningServer running = new RunningServer(first, postgres.store(first), options)) {
            postgres.execute("UPDATE leader_lease SET holder = 'elsewhere:/data', token = token + 1,"
                    + " expires_at = clock_timestamp() + INTERVAL '1 hour'");
            // Before the server learns it: each action asks the database whether its token is still the newest.
            RunningServer.Answer started = running.post("/api/v1/workflows/memory-leak/runs", running.operator,
                    "{\"service\":\"orders\",\"reason\":\"heap climbing\"}");
            assertThat(started.status()).as(started.text()).isEqualTo(201);

            running.clock.advance(Duration.ofSeconds(5)); // the next renewal finds the lease taken

            assertThat(running.server.stoppedByItself()).succeedsWithin(Duration.ofSeconds(30))
                    .asString().contains("another server (elsewhere:/data) took this database over");
            assertThat(running.server.ready()).isFalse();
            assertThat(restarts).isEmpty();
            assertThat(instances.get()).as("not scaled out").isEqualTo(2);
        }
    }
}
