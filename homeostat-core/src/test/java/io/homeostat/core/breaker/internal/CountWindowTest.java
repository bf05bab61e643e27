package io.homeostat.core.breaker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.breaker.WindowSnapshot;
import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CountWindowTest {

    @Test
    void matchesAModelOfTheLastNOutcomesOverRandomSequences() {
        Random random = new Random(20260101L);
        for (int round = 0; round < 200; round++) {
            int size = 1 + random.nextInt(40);
            CountWindow window = new CountWindow(size);
            ArrayDeque<Integer> model = new ArrayDeque<>();
            for (int i = 0; i < 500; i++) {
                int code = Window.code(random.nextInt(3) == 0, random.nextInt(4) == 0);
                window.record(0, code);
                model.addLast(code);
                if (model.size() > size) {
                    model.removeFirst();
                }
                assertThat(window.snapshot(0, 0)).isEqualTo(modelSnapshot(model));
            }
        }
    }

    @Test
    void matchesTheModelWhenLongRunsOfSuccessesFillTheWindow() {
        Random random = new Random(20261130L);
        for (int round = 0; round < 200; round++) {
            int size = 1 + random.nextInt(40);
            CountWindow window = new CountWindow(size);
            ArrayDeque<Integer> model = new ArrayDeque<>();
            for (int i = 0; i < 2_000; i++) {
                // rare failures and slow calls: the window is often full of plain successes
                int code = Window.code(random.nextInt(60) == 0, random.nextInt(90) == 0);
                window.record(0, code);
                model.addLast(code);
                if (model.size() > size) {
                    model.removeFirst();
                }
                assertThat(window.snapshot(0, 0)).isEqualTo(modelSnapshot(model));
            }
        }
    }

    @Test
    void aFailureAfterARunOfSkippedSuccessesLeavesAfterExactlySizeCalls() {
        CountWindow window = new CountWindow(10);
        for (int i = 0; i < 25; i++) {
            window.record(0, Window.CALL); // from the 11th on, the window is full of successes
        }
        assertThat(window.snapshot(0, 0)).isEqualTo(new WindowSnapshot(10, 0, 0, 0));

        window.record(0, Window.code(true, false));
        for (int i = 0; i < 9; i++) {
            window.record(0, Window.CALL);
            assertThat(window.snapshot(0, 0)).isEqualTo(new WindowSnapshot(10, 1, 0, 0));
        }
        window.record(0, Window.CALL);

        assertThat(window.snapshot(0, 0)).isEqualTo(new WindowSnapshot(10, 0, 0, 0));
    }

    @Test
    void slotIsTheUnsignedRemainderOfTheSequenceForEverySize() {
        Random random = new Random(7L);
        int[] sizes = {1, 2, 3, 7, 10, 100, 999_983, 1_000_000};
        int[] edges = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 999_999, 1_000_000};
        for (int size : sizes) {
            CountWindow window = new CountWindow(size);
            for (int sequence : edges) {
                assertThat(window.slot(sequence)).isEqualTo(Integer.remainderUnsigned(sequence, size));
            }
            for (int i = 0; i < 10_000; i++) {
                int sequence = random.nextInt();
                assertThat(window.slot(sequence)).isEqualTo(Integer.remainderUnsigned(sequence, size));
            }
        }
    }

    @Test
    void fillLoadsCountsAndLaterCallsEvictTheOldestFirst() {
        CountWindow window = new CountWindow(10);
        window.fill(0, new WindowSnapshot(4, 2, 1, 0));
        assertThat(window.snapshot(0, 0)).isEqualTo(new WindowSnapshot(4, 2, 1, 0));

        for (int i = 0; i < 6; i++) {
            window.record(0, Window.CALL);
        }
        assertThat(window.snapshot(0, 0)).isEqualTo(new WindowSnapshot(10, 2, 1, 0));
        window.record(0, Window.CALL);
        assertThat(window.snapshot(0, 0)).isEqualTo(new WindowSnapshot(10, 1, 0, 0));
    }

    @Test
    void fillScalesCountsThatDoNotFitKeepingTheRates() {
        CountWindow window = new CountWindow(10);

        window.fill(0, new WindowSnapshot(100, 60, 30, 0));

        assertThat(window.snapshot(0, 0)).isEqualTo(new WindowSnapshot(10, 6, 3, 0));
    }

    @Test
    void holdsTheLargestWindowWithoutOverflowingItsPackedCounts() {
        int size = 1_000_000;
        CountWindow window = new CountWindow(size);
        int failureAndSlow = Window.code(true, true);
        for (int i = 0; i < size; i++) {
            window.record(0, failureAndSlow);
        }
        assertThat(window.snapshot(0, 0)).isEqualTo(new WindowSnapshot(size, size, size, 0));

        for (int i = 0; i < size; i++) {
            window.record(0, Window.CALL);
        }
        assertThat(window.snapshot(0, 0)).isEqualTo(new WindowSnapshot(size, 0, 0, 0));
    }

    static WindowSnapshot modelSnapshot(Iterable<Integer> codes) {
        int calls = 0;
        int failures = 0;
        int slow = 0;
        for (int code : codes) {
            calls++;
            failures += (code & Window.FAILURE) != 0 ? 1 : 0;
            slow += (code & Window.SLOW) != 0 ? 1 : 0;
        }
        return new WindowSnapshot(calls, failures, slow, 0);
    }
}
