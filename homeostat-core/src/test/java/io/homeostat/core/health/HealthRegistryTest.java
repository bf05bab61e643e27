package io.homeostat.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HealthRegistryTest {

    private final ManualClock clock = ManualClock.create();

    private HealthRegistry direct() {
        return HealthRegistry.builder().scheduler(clock.scheduler()).executor(Runnable::run).build();
    }

    private HealthRegistry threaded() {
        return HealthRegistry.builder().scheduler(clock.scheduler()).build();
    }

    @Test
    void overallIsTheWorstOfAllChecks() {
        HealthRegistry registry = direct()
                .register("a", HealthResult::healthy)
                .register("b", () -> HealthResult.degraded("slow"))
                .register("c", HealthResult::healthy);

        HealthSnapshot snapshot = registry.runAll().join();

        assertThat(snapshot.overall()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(snapshot.checks()).containsOnlyKeys("a", "b", "c");
        assertThat(snapshot.check("b").orElseThrow().message()).isEqualTo("slow");
        assertThat(snapshot.time()).isEqualTo(clock.instant());
    }

    @Test
    void emptyRegistryIsHealthy() {
        assertThat(direct().runAll().join().overall()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void failingCheckIsDegradedUntilThresholdThenUnhealthy() {
        HealthRegistry registry = direct().register("db", () -> {
            throw new IllegalStateException("connection refused");
        }, HealthCheckOptions.defaults().withFailureThreshold(3));

        CheckReport first = registry.runAll().join().check("db").orElseThrow();
        CheckReport second = registry.runAll().join().check("db").orElseThrow();
        CheckReport third = registry.runAll().join().check("db").orElseThrow();

        assertThat(first.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(first.consecutiveFailures()).isEqualTo(1);
        assertThat(first.details()).containsEntry("failure", "java.lang.IllegalStateException: connection refused")
                .containsEntry("consecutiveFailures", "1");
        assertThat(second.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(third.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(third.consecutiveFailures()).isEqualTo(3);
        assertThat(third.message()).contains("connection refused");
    }

    @Test
    void unhealthyResultCountsAsFailureAndSuccessResetsTheRun() {
        AtomicReference<HealthResult> next = new AtomicReference<>(HealthResult.unhealthy("down"));
        HealthRegistry registry = direct().register("api", next::get, HealthCheckOptions.defaults().withFailureThreshold(2));

        assertThat(registry.run("api").join().status()).isEqualTo(HealthStatus.DEGRADED);
        next.set(HealthResult.healthy());
        assertThat(registry.run("api").join().consecutiveFailures()).isZero();
        next.set(HealthResult.unhealthy("down"));
        assertThat(registry.run("api").join().status()).isEqualTo(HealthStatus.DEGRADED);
        CheckReport report = registry.run("api").join();
        assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(report.message()).isEqualTo("down");
    }

    @Test
    void thresholdOfOneReportsTheFirstFailureAsUnhealthy() {
        HealthRegistry registry = direct().register("x", () -> null, HealthCheckOptions.defaults().withFailureThreshold(1));

        CheckReport report = registry.run("x").join();

        assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(report.message()).contains("returned null");
    }

    @Test
    void latencyIsMeasuredWithTheClock() {
        HealthRegistry registry = direct().register("slow", () -> {
            clock.advanceMillis(40);
            return HealthResult.healthy();
        });

        assertThat(registry.run("slow").join().latency()).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    @Timeout(10)
    void timesOutThroughTheSchedulerAndInterruptsTheCheck() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        HealthRegistry registry = threaded().register("hang", () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return HealthResult.healthy();
        });

        CompletableFuture<HealthSnapshot> run = registry.runAll();
        started.await();
        clock.advance(Duration.ofMillis(4999));
        assertThat(run).isNotDone();
        clock.advanceMillis(1);

        CheckReport report = run.join().check("hang").orElseThrow();
        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.message()).isEqualTo("health check hang timed out after 5s");
        assertThat(report.latency()).isEqualTo(Duration.ofSeconds(5));
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @Timeout(10)
    void finishedChecksLeaveNoTimerBehind() throws Exception {
        HealthRegistry registry = threaded().register("quick", HealthResult::healthy);

        registry.runAll().get(10, TimeUnit.SECONDS);

        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    @Timeout(20)
    void runsChecksConcurrently() throws Exception {
        int checks = 6;
        CyclicBarrier allRunning = new CyclicBarrier(checks);
        HealthRegistry registry = threaded();
        for (int i = 0; i < checks; i++) {
            registry.register("c" + i, () -> {
                allRunning.await(10, TimeUnit.SECONDS); // only passes if all run at once
                return HealthResult.healthy();
            });
        }

        HealthSnapshot snapshot = registry.runAll().get(15, TimeUnit.SECONDS);

        assertThat(snapshot.overall()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(snapshot.checks()).hasSize(checks);
    }

    @Test
    void rejectsDuplicateAndUnknownNames() {
        HealthRegistry registry = direct().register("a", HealthResult::healthy);

        assertThatThrownBy(() -> registry.register("a", HealthResult::healthy))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a is already registered");
        assertThatThrownBy(() -> registry.run("b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b");
        assertThatThrownBy(() -> registry.register(" ", HealthResult::healthy)).isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.unregister("a")).isTrue();
        assertThat(registry.unregister("a")).isFalse();
        assertThat(registry.names()).isEmpty();
    }

    @Test
    void optionsRejectBadValues() {
        assertThatThrownBy(() -> new HealthCheckOptions(Duration.ZERO, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthCheckOptions(Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(HealthCheckOptions.defaults()).isEqualTo(new HealthCheckOptions(Duration.ofSeconds(5), 3));
    }

    @Test
    void resultWithDetailAddsWithoutChangingTheOriginal() {
        HealthResult base = HealthResult.degraded("slow");
        HealthResult more = base.withDetail("latency.ms", 120);

        assertThat(base.details()).isEmpty();
        assertThat(more.details()).containsEntry("latency.ms", "120");
        assertThat(more.status()).isEqualTo(HealthStatus.DEGRADED);
    }
}
