package io.homeostat.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceHealthTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private final ServiceHealth health = new ServiceHealth();

    private static OperationOutcome call(String service, Instant time, boolean ok) {
        return new OperationOutcome(service, ok ? OperationOutcome.Status.SUCCESS : OperationOutcome.Status.FAILURE,
                ok ? null : ErrorCategory.TIMEOUT, 1_000_000, null, time, Map.of());
    }

    private static List<Signal> calls(String service, Instant time, int ok, int failed) {
        List<Signal> batch = new ArrayList<>();
        for (int i = 0; i < ok + failed; i++) {
            batch.add(call(service, time, i < ok));
        }
        return batch;
    }

    @Test
    void eachBucketIsUpDegradedOrDownFromItsOwnSignals() {
        health.observe(calls("orders", T0, 100, 1));
        health.observe(calls("orders", T0.plus(Duration.ofMinutes(5)), 90, 10));
        health.observe(List.of(new CircuitTransition("orders", CircuitState.CLOSED, CircuitState.OPEN, "failures",
                new WindowSnapshot(20, 12, 0, 3), T0.plus(Duration.ofMinutes(11)), Map.of())));
        health.observe(List.of(new HealthReport("orders", "db", HealthStatus.DEGRADED, Duration.ofMillis(3), Map.of(),
                T0.plus(Duration.ofMinutes(21)), Map.of())));

        List<HealthBucket> buckets = health.timeline("orders", T0, T0.plus(Duration.ofHours(1)));

        assertThat(buckets).extracting(HealthBucket::status).containsExactly("up", "degraded", "down", "degraded");
        assertThat(buckets).extracting(HealthBucket::start).containsExactly(T0, T0.plus(Duration.ofMinutes(5)),
                T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(20)));
        assertThat(buckets.get(1).calls()).isEqualTo(100);
        assertThat(buckets.get(1).failures()).isEqualTo(10);
        assertThat(health.timeline("orders", T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(10))))
                .hasSize(1);
        assertThat(health.timeline("nobody", T0, T0.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(health.services()).containsExactly("orders");
    }

    @Test
    void keepsTheLastDayAndReusesOldSlots() {
        health.observe(calls("orders", T0, 1, 0));
        Instant nextDay = T0.plus(Duration.ofDays(1));
        health.observe(calls("orders", nextDay, 0, 3));
        health.observe(calls("orders", T0.plus(Duration.ofMinutes(1)), 1, 0)); // 24 h before the newest: dropped

        List<HealthBucket> buckets = health.timeline("orders", T0.minus(Duration.ofDays(2)), nextDay.plusSeconds(1));

        assertThat(buckets).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo(nextDay);
            assertThat(b.calls()).isEqualTo(3);
            assertThat(b.status()).isEqualTo("degraded");
        });
    }

    @Test
    void stopsAddingServicesAtTheCapAndCountsWhatItDrops() {
        for (int i = 0; i < ServiceHealth.MAX_SERVICES + 5; i++) {
            health.observe(calls("svc-" + i, T0, 1, 0));
        }
        assertThat(health.services()).hasSize(ServiceHealth.MAX_SERVICES);
        assertThat(health.droppedServices()).isEqualTo(5);
    }
}
