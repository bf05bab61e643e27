package io.homeostat.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HealthMonitorTest {

    private final ManualClock clock = ManualClock.create();
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final List<HealthReport> reports = new ArrayList<>();

    HealthMonitorTest() {
        bus.subscribe(batch -> batch.forEach(signal -> reports.add((HealthReport) signal)));
    }

    private List<HealthReport> drained() {
        bus.drain();
        List<HealthReport> copy = List.copyOf(reports);
        reports.clear();
        return copy;
    }

    @Test
    void publishesOneReportPerCheckEveryPeriod() {
        HealthRegistry registry = HealthRegistry.builder().scheduler(clock.scheduler()).executor(Runnable::run).build()
                .register("heap", HealthResult::healthy)
                .register("db", () -> HealthResult.degraded("slow ping").withDetail("latency.ms", 150));
        HealthMonitor monitor = HealthMonitor.builder(registry, bus).service("shop").scheduler(clock.scheduler()).build();

        monitor.start();
        clock.advance(Duration.ZERO);
        List<HealthReport> first = drained();
        clock.advance(Duration.ofMillis(29_999));
        List<HealthReport> none = drained();
        clock.advanceMillis(1);
        List<HealthReport> second = drained();

        assertThat(first).extracting(HealthReport::check).containsExactly("heap", "db");
        assertThat(first).allSatisfy(report -> assertThat(report.service()).isEqualTo("shop"));
        HealthReport db = first.get(1);
        assertThat(db.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(db.details()).containsEntry("latency.ms", "150").containsEntry("message", "slow ping");
        assertThat(none).isEmpty();
        assertThat(second).hasSize(2);
        assertThat(second.get(0).time()).isEqualTo(clock.instant());
        assertThat(monitor.completedRuns()).isEqualTo(2);
    }

    @Test
    void closeStopsFurtherRuns() {
        HealthRegistry registry = HealthRegistry.builder().scheduler(clock.scheduler()).executor(Runnable::run).build()
                .register("heap", HealthResult::healthy);
        HealthMonitor monitor = HealthMonitor.builder(registry, bus).period(Duration.ofSeconds(10))
                .scheduler(clock.scheduler()).build();
        monitor.start();
        clock.advance(Duration.ZERO);

        monitor.close();
        clock.advance(Duration.ofMinutes(5));

        assertThat(drained()).hasSize(1);
        assertThat(clock.pendingTasks()).isZero();
        assertThatThrownBy(monitor::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Timeout(10)
    void skipsARunWhileThePreviousIsStillGoing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HealthRegistry registry = HealthRegistry.builder().scheduler(clock.scheduler()).build()
                .register("slow", () -> {
                    release.await();
                    return HealthResult.healthy();
                }, HealthCheckOptions.defaults().withTimeout(Duration.ofMinutes(2)));
        HealthMonitor monitor = HealthMonitor.builder(registry, bus).scheduler(clock.scheduler()).build();
        monitor.start();
        clock.advance(Duration.ZERO);

        clock.advance(Duration.ofSeconds(30));
        release.countDown();
        while (monitor.completedRuns() < 1) {
            Thread.onSpinWait();
        }

        assertThat(monitor.skippedRuns()).isEqualTo(1);
        List<HealthReport> published = drained();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).status()).isEqualTo(HealthStatus.HEALTHY);
        monitor.close();
    }

    @Test
    void rejectsBadSettings() {
        HealthRegistry registry = HealthRegistry.builder().scheduler(clock.scheduler()).build();
        assertThatThrownBy(() -> HealthMonitor.builder(registry, bus).period(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HealthMonitor.builder(registry, bus).service(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HealthMonitor.DEFAULT_PERIOD).isEqualTo(Duration.ofSeconds(30));
    }
}
