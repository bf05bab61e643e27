package io.homeostat.store.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.CircuitOpenException;
import io.homeostat.core.Guard;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.breaker.BreakerState;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.ManualClock;
import io.homeostat.store.jdbc.JdbcStore;
import io.homeostat.store.jdbc.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Breaker states saved on their transitions through the JDBC store (H2 file database) and
 * restored into a new registry after a restart. The bus is manual, so the test decides when
 * transitions are delivered; {@code flush} waits for the writer thread.
 */
class BreakerStatePersistenceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration RESET = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private StoreConfig config() {
        return StoreConfig.defaults().withJdbc("jdbc:h2:file:" + directory.resolve("db").toAbsolutePath(), "sa", "")
                .withSpool(directory.resolve("spool"), 64L << 20);
    }

    private static GuardRegistry registry(ManualClock clock, InProcessSignalBus bus) {
        CircuitBreakerConfig breaker = CircuitBreakerConfig.consecutiveFailures(3).toBuilder().resetTimeout(RESET).build();
        return GuardRegistry.builder().clock(clock).scheduler(clock.scheduler()).signalBus(bus)
                .config("db", GuardConfig.builder().circuitBreaker(breaker).build()).build();
    }

    private static void fail(Guard guard) {
        assertThatThrownBy(() -> guard.call(() -> {
            throw new IllegalStateException("down");
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOpenBreakerStaysOpenAcrossARestartUntilItsRetryTime() {
        ManualClock clock = ManualClock.at(T0);
        InProcessSignalBus bus = InProcessSignalBus.manual();
        GuardRegistry first = registry(clock, bus);
        try (JdbcStore jdbc = JdbcStore.open(config(), clock.scheduler());
                BreakerStatePersistence persistence = BreakerStatePersistence.start(first, bus, jdbc.breakerStates())) {
            Guard db = first.guard("db");
            for (int i = 0; i < 3; i++) {
                fail(db);
            }
            assertThat(db.circuitBreaker().orElseThrow().state()).isEqualTo(CircuitState.OPEN);
            assertThat(jdbc.breakerStates().load("db")).as("nothing saved before the bus delivers").isEmpty();

            bus.drain();
            persistence.flush();

            BreakerState saved = jdbc.breakerStates().load("db").orElseThrow();
            assertThat(saved.state()).isEqualTo(CircuitState.OPEN);
            assertThat(saved.nextRetryAt()).isEqualTo(saved.openedAt().plus(RESET));
            assertThat(persistence.saves()).isEqualTo(1);
            assertThat(persistence.saveFailures()).isZero();
        }
        bus.close();

        // a new process, ten seconds later: fresh monotonic time, fresh registry and bus
        ManualClock later = ManualClock.at(T0.plusSeconds(10));
        InProcessSignalBus bus2 = InProcessSignalBus.manual();
        GuardRegistry second = registry(later, bus2);
        try (JdbcStore jdbc = JdbcStore.open(config(), later.scheduler());
                BreakerStatePersistence persistence = BreakerStatePersistence.start(second, bus2, jdbc.breakerStates())) {
            Guard db = second.guard("db");
            assertThat(db.circuitBreaker().orElseThrow().state()).as("restored when the guard was created")
                    .isEqualTo(CircuitState.OPEN);
            assertThatThrownBy(() -> db.call(() -> "ok")).isInstanceOf(CircuitOpenException.class);

            later.advance(Duration.ofSeconds(19));
            assertThatThrownBy(() -> db.call(() -> "ok")).as("one second before the retry time")
                    .isInstanceOf(CircuitOpenException.class);

            later.advance(Duration.ofSeconds(1));
            assertThat(db.call(() -> "ok")).as("at the retry time a trial call goes through").isEqualTo("ok");

            bus2.drain();
            persistence.flush();
            assertThat(jdbc.breakerStates().load("db").orElseThrow().state())
                    .as("the transitions after the restart are saved too").isNotEqualTo(CircuitState.OPEN);
        } finally {
            bus2.close();
        }
    }
}
