package io.homeostat.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void wallAndMonotonicTimeMoveTogetherOnlyWhenAdvanced() {
        long before = clock.monotonicNanos();
        clock.advance(Duration.ofMillis(1500));

        assertThat(clock.monotonicNanos() - before).isEqualTo(1_500_000_000L);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T10:00:01.500Z"));
        assertThat(clock.wallMillis()).isEqualTo(clock.instant().toEpochMilli());
    }

    @Test
    void sleepAdvancesInsteadOfBlocking() {
        clock.sleep(Duration.ofHours(3));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T13:00:00Z"));
    }

    @Test
    void tasksRunInDueOrderAtTheirOwnTime() {
        List<String> runs = new ArrayList<>();
        Scheduler scheduler = clock.scheduler();
        scheduler.schedule(Duration.ofSeconds(5), () -> runs.add("b@" + clock.monotonicNanos()));
        scheduler.schedule(Duration.ofSeconds(2), () -> runs.add("a@" + clock.monotonicNanos()));
        scheduler.schedule(Duration.ofSeconds(9), () -> runs.add("c"));

        clock.advance(Duration.ofSeconds(6));

        assertThat(runs).containsExactly("a@2000000000", "b@5000000000");
        assertThat(clock.pendingTasks()).isEqualTo(1);
    }

    @Test
    void periodicTaskRunsEveryPeriodUntilCancelled() {
        List<Long> runs = new ArrayList<>();
        Cancellable handle = clock.scheduler().scheduleAtFixedRate(
                Duration.ofSeconds(1), Duration.ofSeconds(2), () -> runs.add(clock.monotonicNanos() / 1_000_000_000L));

        clock.advance(Duration.ofSeconds(6));
        handle.cancel();
        clock.advance(Duration.ofSeconds(10));

        assertThat(runs).containsExactly(1L, 3L, 5L);
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void cancelledTaskNeverRuns() {
        List<String> runs = new ArrayList<>();
        Cancellable handle = clock.scheduler().schedule(Duration.ofSeconds(1), () -> runs.add("ran"));
        handle.cancel();

        clock.advance(Duration.ofSeconds(2));

        assertThat(runs).isEmpty();
    }

    @Test
    void taskScheduledByATaskRunsInTheSameAdvanceWhenDue() {
        List<String> runs = new ArrayList<>();
        clock.scheduler().schedule(Duration.ofSeconds(1), () -> {
            runs.add("first");
            clock.scheduler().schedule(Duration.ofSeconds(1), () -> runs.add("second"));
        });

        clock.advance(Duration.ofSeconds(3));

        assertThat(runs).containsExactly("first", "second");
    }

    @Test
    void rejectsNegativeDurations() {
        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration must not be negative");
        assertThatThrownBy(() -> clock.scheduler().scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, () -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("period must be positive");
    }

    @Test
    void cancellingAPeriodicTaskAfterManyRunsIsConstantWork() {
        AtomicInteger runs = new AtomicInteger();
        Cancellable handle = clock.scheduler().scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(1), runs::incrementAndGet);
        clock.advance(Duration.ofDays(3));
        handle.cancel();
        clock.advance(Duration.ofDays(1));

        assertThat(runs.get()).isEqualTo(3 * 86_400 + 1);
        assertThat(clock.pendingTasks()).isZero();
    }
}
