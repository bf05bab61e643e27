package io.homeostat.core.breaker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.breaker.WindowSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

    private static final long SECOND = 1_000_000_000L;

    private record Call(long second, int code) {}

    @Test
    void matchesAModelOfTheLastNSecondsOverRandomTimelines() {
        Random random = new Random(42L);
        for (int round = 0; round < 100; round++) {
            int seconds = 1 + random.nextInt(12);
            TimeWindow window = new TimeWindow(seconds);
            List<Call> model = new ArrayList<>();
            long now = random.nextLong(1_000) * SECOND;
            for (int i = 0; i < 400; i++) {
                now += random.nextInt(4) == 0 ? random.nextLong(3 * SECOND) : random.nextLong(SECOND / 10);
                int code = Window.code(random.nextBoolean(), random.nextInt(5) == 0);
                window.record(now, code);
                model.add(new Call(Math.floorDiv(now, SECOND), code));

                long newest = Math.floorDiv(now, SECOND);
                List<Integer> inWindow = model.stream()
                        .filter(c -> c.second() > newest - seconds).map(Call::code).toList();
                assertThat(window.snapshot(now, 3)).isEqualTo(withRun(CountWindowTest.modelSnapshot(inWindow), 3));
            }
        }
    }

    @Test
    void aCallOlderThanTheWindowIsDropped() {
        TimeWindow window = new TimeWindow(5);
        window.record(100 * SECOND, Window.CALL);

        window.record(95 * SECOND, Window.code(true, false));

        assertThat(window.snapshot(100 * SECOND, 0)).isEqualTo(new WindowSnapshot(1, 0, 0, 0));
    }

    @Test
    void worksOnNegativeMonotonicTimes() {
        TimeWindow window = new TimeWindow(3);
        window.record(-SECOND / 2, Window.code(true, false));
        window.record(SECOND / 2, Window.CALL);

        assertThat(window.snapshot(SECOND / 2, 0)).isEqualTo(new WindowSnapshot(2, 1, 0, 0));
        assertThat(window.snapshot(3 * SECOND, 0)).isEqualTo(WindowSnapshot.EMPTY);
    }

    @Test
    void fillPutsTheCountsInTheCurrentSecond() {
        TimeWindow window = new TimeWindow(10);

        window.fill(50 * SECOND, new WindowSnapshot(7, 3, 2, 0));

        assertThat(window.snapshot(59 * SECOND, 0)).isEqualTo(new WindowSnapshot(7, 3, 2, 0));
        assertThat(window.snapshot(60 * SECOND, 0)).isEqualTo(WindowSnapshot.EMPTY);
    }

    private static WindowSnapshot withRun(WindowSnapshot s, int run) {
        return new WindowSnapshot(s.calls(), s.failures(), s.slowCalls(), run);
    }
}
