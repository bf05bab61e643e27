package io.homeostat.engine.detect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.SeriesLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SeriesTableTest {

    @Test
    void keepsOneStatePerSeriesAcrossGrowth() {
        AtomicInteger created = new AtomicInteger();
        SeriesTable<int[]> table = new SeriesTable<>(SeriesLimits.defaults(), key -> {
            created.incrementAndGet();
            return new int[1];
        }, state -> false);

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5000; i++) {
                table.get("svc-" + (i % 1000), "m" + (i / 1000), round)[0]++;
            }
        }

        assertThat(table.size()).isEqualTo(5000);
        assertThat(created).hasValue(5000);
        Map<SeriesKey, Integer> seen = new HashMap<>();
        table.forEach((key, state) -> seen.put(key, state[0]));
        assertThat(seen).hasSize(5000).allSatisfy((key, count) -> assertThat(count).isEqualTo(3));
        assertThat(table.peek("svc-7", "m3")).isNotNull();
        assertThat(table.peek("svc-7", "m9")).isNull();
        assertThat(table.size()).isEqualTo(5000);
    }

    @Test
    void whenFullForgetsOnlyIdleUnpinnedSeries() {
        SeriesTable<boolean[]> table = new SeriesTable<>(new SeriesLimits(3, Duration.ofMillis(100)),
                key -> new boolean[1], state -> state[0]);
        table.get("a", "m", 0)[0] = true; // pinned
        table.get("b", "m", 0);
        table.get("c", "m", 50);

        assertThat(table.get("d", "m", 60)).isNull();
        assertThat(table.untracked()).isEqualTo(1);

        // At 120 ms only b is idle for 100 ms and unpinned.
        assertThat(table.get("d", "m", 120)).isNotNull();
        assertThat(table.peek("a", "m")).isNotNull();
        assertThat(table.peek("b", "m")).isNull();
        assertThat(table.peek("c", "m")).isNotNull();
        // Full again; a sweep ran within the last tenth of the idle time, so no second sweep yet.
        assertThat(table.get("e", "m", 125)).isNull();
        assertThat(table.get("e", "m", 160)).isNotNull();
        assertThat(table.peek("c", "m")).isNull();
        assertThat(table.size()).isEqualTo(3);
    }
}
