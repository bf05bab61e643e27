package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class SequentialIdsTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T00:00:00Z"));

    @Test
    void idsSortInTheOrderTheyWereMadeAndFitTheColumn() {
        SequentialIds ids = new SequentialIds(clock);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            made.add(ids.next());
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(made.get(0)).hasSize(38).matches("[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{16}");
    }

    @Test
    void aLaterStoreMakesIdsThatSortAfterAnEarlierOnes() {
        String earlier = new SequentialIds(clock).next();
        clock.advance(Duration.ofMillis(1));
        String later = new SequentialIds(clock).next();
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsAreUniqueAcrossThreads() throws InterruptedException {
        SequentialIds ids = new SequentialIds(clock);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    seen.add(ids.next());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(80_000);
    }
}
