package io.homeostat.core.degrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DegradationTest {

    private final ManualClock clock = ManualClock.create();
    private final Degradation degradation = Degradation.create(clock);

    @Test
    void startsFullWithNoChange() {
        assertThat(degradation.level()).isEqualTo(DegradationLevel.FULL);
        assertThat(degradation.lastChange()).isEmpty();
    }

    @Test
    void settingALevelTellsListenersFromToReasonAndTime() {
        List<DegradationChange> changes = new ArrayList<>();
        degradation.subscribe(changes::add);
        clock.advanceMillis(1500);

        assertThat(degradation.set(DegradationLevel.READ_ONLY, "db:primary failing over")).isTrue();

        DegradationChange expected = new DegradationChange(DegradationLevel.FULL, DegradationLevel.READ_ONLY,
                "db:primary failing over", clock.instant());
        assertThat(changes).containsExactly(expected);
        assertThat(degradation.level()).isEqualTo(DegradationLevel.READ_ONLY);
        assertThat(degradation.lastChange()).contains(expected);
    }

    @Test
    void settingTheCurrentLevelChangesNothing() {
        List<DegradationChange> changes = new ArrayList<>();
        degradation.subscribe(changes::add);

        assertThat(degradation.set(DegradationLevel.FULL, "again")).isFalse();

        assertThat(changes).isEmpty();
    }

    @Test
    void aBlankReasonIsRefusedAndChangesNothing() {
        List<DegradationChange> changes = new ArrayList<>();
        degradation.subscribe(changes::add);

        for (String blank : List.of("", " ", "\t\n")) {
            assertThatThrownBy(() -> degradation.set(DegradationLevel.REDUCED, blank))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("reason must not be blank");
        }
        assertThatThrownBy(() -> degradation.set(DegradationLevel.FULL, " "))
                .as("even when the level would not change").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> degradation.set(DegradationLevel.REDUCED, null))
                .isInstanceOf(NullPointerException.class).hasMessage("reason");

        assertThat(degradation.level()).isEqualTo(DegradationLevel.FULL);
        assertThat(degradation.lastChange()).isEmpty();
        assertThat(changes).isEmpty();
    }

    @Test
    void throwingListenerIsCountedAndOthersStillHear() throws Exception {
        List<DegradationChange> changes = new ArrayList<>();
        degradation.subscribe(change -> {
            throw new IllegalStateException("broken listener");
        });
        AutoCloseable subscription = degradation.subscribe(changes::add);

        degradation.set(DegradationLevel.REDUCED, "slow");
        subscription.close();
        degradation.set(DegradationLevel.FULL, "recovered");

        assertThat(degradation.listenerFailures()).isEqualTo(2);
        assertThat(changes).hasSize(1);
    }

    @Test
    void levelsAreOrderedFromEverythingToNothing() {
        assertThat(DegradationLevel.MAINTENANCE.isWorseThan(DegradationLevel.READ_ONLY)).isTrue();
        assertThat(DegradationLevel.REDUCED.isWorseThan(DegradationLevel.FULL)).isTrue();
        assertThat(DegradationLevel.FULL.isWorseThan(DegradationLevel.FULL)).isFalse();
    }

    @Test
    @Timeout(30)
    void concurrentChangesFormOneUnbrokenChain() throws Exception {
        List<DegradationChange> changes = new ArrayList<>(); // written under the degradation's lock
        degradation.subscribe(changes::add);
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(t);
            results.add(pool.submit(() -> {
                start.await();
                int changed = 0;
                for (int i = 0; i < 5_000; i++) {
                    DegradationLevel level = DegradationLevel.values()[random.nextInt(DegradationLevel.values().length)];
                    changed += degradation.set(level, "t") ? 1 : 0;
                }
                return changed;
            }));
        }
        int changed = 0;
        for (Future<Integer> result : results) {
            changed += result.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(changes).hasSize(changed);
        DegradationLevel at = DegradationLevel.FULL;
        for (DegradationChange change : changes) {
            assertThat(change.from()).isEqualTo(at);
            at = change.to();
        }
        assertThat(degradation.level()).isEqualTo(at);
    }
}
