package io.homeostat.engine.detect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.SeriesLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SeriesTableTest {

    /** Counts the samples of each series; pinned while its count is negative. */
    private static final class Counting extends SeriesTable.Stage<long[]> {
        int created;
        final List<String> seen = new ArrayList<>();
        private final String name;

        Counting(String name, SeriesLimits limits) {
            super(limits);
            this.name = name;
        }

        @Override
        protected long[] open(String service, String metric) {
            created++;
            return new long[1];
        }

        @Override
        protected boolean pinned(long[] state) {
            return state[0] < 0;
        }

        @Override
        protected void sample(long[] state, String service, String metric, long timeMillis, double value,
                Consumer<Detection> sink) {
            state[0] += (long) value;
            seen.add(name + ":" + service);
        }
    }

    private static void feed(SeriesTable table, List<Counting> stages, String service, long time) {
        SeriesTable.Slot slot = table.slot(service, "m", time);
        for (Counting stage : stages) {
            stage.sample(slot, time, 1, d -> {});
        }
        table.settle(slot);
    }

    @Test
    void keepsOneStatePerSeriesAcrossGrowth() {
        Counting stage = new Counting("a", SeriesLimits.defaults());

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5000; i++) {
                stage.sample("svc-" + (i % 1000), "m" + (i / 1000), round, 1, d -> {});
            }
        }

        assertThat(stage.size()).isEqualTo(5000);
        assertThat(stage.created).isEqualTo(5000);
        Map<SeriesKey, Long> seen = new HashMap<>();
        stage.forEach((key, state) -> seen.put(key, state[0]));
        assertThat(seen).hasSize(5000).allSatisfy((key, count) -> assertThat(count).isEqualTo(3));
        assertThat(stage.peek("svc-7", "m3")).isNotNull();
        assertThat(stage.peek("svc-7", "m9")).isNull();
        assertThat(stage.size()).isEqualTo(5000);
    }

    @Test
    void whenFullForgetsOnlyIdleUnpinnedSeries() {
        Counting stage = new Counting("a", new SeriesLimits(3, Duration.ofMillis(100)));
        stage.sample("a", "m", 0, -5, d -> {}); // pinned
        stage.sample("b", "m", 0, 1, d -> {});
        stage.sample("c", "m", 50, 1, d -> {});

        stage.sample("d", "m", 60, 1, d -> {});
        assertThat(stage.peek("d", "m")).isNull();
        assertThat(stage.untracked()).isEqualTo(1);

        // At 120 ms only b is idle for 100 ms and unpinned.
        stage.sample("d", "m", 120, 1, d -> {});
        assertThat(stage.peek("d", "m")).isNotNull();
        assertThat(stage.peek("a", "m")).isNotNull();
        assertThat(stage.peek("b", "m")).isNull();
        assertThat(stage.peek("c", "m")).isNotNull();
        // Full again; a sweep ran within the last tenth of the idle time, so no second sweep yet.
        stage.sample("e", "m", 125, 1, d -> {});
        assertThat(stage.peek("e", "m")).isNull();
        stage.sample("e", "m", 160, 1, d -> {});
        assertThat(stage.peek("e", "m")).isNotNull();
        assertThat(stage.peek("c", "m")).isNull();
        assertThat(stage.size()).isEqualTo(3);
    }

    @Test
    void sharedStagesFindTheirStatesInOneSlotAndKeepTheirOwnLimits() {
        SeriesTable table = new SeriesTable();
        Counting roomy = new Counting("roomy", SeriesLimits.defaults());
        Counting small = new Counting("small", new SeriesLimits(1, Duration.ofMillis(100)));
        roomy.join(table);
        small.join(table);
        List<Counting> stages = List.of(roomy, small);

        feed(table, stages, "a", 0);
        feed(table, stages, "b", 10);
        feed(table, stages, "a", 20);

        assertThat(table.size()).isEqualTo(2);
        assertThat(roomy.size()).isEqualTo(2);
        assertThat(small.size()).isEqualTo(1);
        assertThat(small.untracked()).isEqualTo(1);
        assertThat(roomy.seen).containsExactly("roomy:a", "roomy:b", "roomy:a");
        assertThat(small.seen).containsExactly("small:a", "small:a");

        // a idle for the small stage's 100 ms: b takes its place there; the roomy stage keeps both.
        feed(table, stages, "b", 120);
        assertThat(small.peek("a", "m")).isNull();
        assertThat(small.peek("b", "m")).isNotNull();
        assertThat(roomy.peek("a", "m")[0]).isEqualTo(2);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void aSeriesNoStageTakesLeavesNoSlotAndAStageJoinsOnlyBeforeItsFirstSample() {
        SeriesTable table = new SeriesTable();
        Counting only = new Counting("only", new SeriesLimits(1, Duration.ofHours(1)));
        only.join(table);
        feed(table, List.of(only), "a", 0);
        feed(table, List.of(only), "b", 0);

        assertThat(table.size()).isEqualTo(1);
        assertThat(only.untracked()).isEqualTo(1);
        assertThatThrownBy(() -> only.join(new SeriesTable())).isInstanceOf(IllegalStateException.class);
        Counting fed = new Counting("fed", SeriesLimits.defaults());
        fed.sample("a", "m", 0, 1, d -> {});
        assertThatThrownBy(() -> fed.join(table)).isInstanceOf(IllegalStateException.class);
    }
}
