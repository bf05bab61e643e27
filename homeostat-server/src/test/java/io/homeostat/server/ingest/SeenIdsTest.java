package io.homeostat.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

    @Test
    void remembersIdsAndForgetsThemAGenerationAtATime() {
        SeenIds seen = new SeenIds(3);
        assertThat(seen.firstTime("a")).isTrue();
        assertThat(seen.firstTime("b")).isTrue();
        assertThat(seen.firstTime("a")).isFalse();
        assertThat(seen.firstTime("c")).isTrue(); // the first generation is full: a, b, c
        assertThat(seen.firstTime("d")).isTrue(); // starts the second
        assertThat(seen.firstTime("a")).isFalse(); // the generation before is still remembered
        assertThat(seen.firstTime("e")).isTrue();
        assertThat(seen.firstTime("f")).isTrue();
        assertThat(seen.size()).isEqualTo(6); // twice the capacity at most
        assertThat(seen.firstTime("g")).isTrue(); // starts the third and forgets a, b and c
        assertThat(seen.size()).isEqualTo(4);
        assertThat(seen.firstTime("d")).isFalse();
        assertThat(seen.firstTime("f")).isFalse();
        assertThat(seen.firstTime("b")).isTrue(); // forgotten, so new again
    }

    @Test
    void remembersAtLeastTheLastCapacityIdsThroughGrowthAndTurns() {
        for (int capacity : new int[] {1, 7, 1000, 5000}) {
            SeenIds seen = new SeenIds(capacity);
            // The documented behaviour, as sets: the current generation and the one before.
            Set<String> current = new HashSet<>();
            Set<String> previous = new HashSet<>();
            Deque<String> lastNew = new ArrayDeque<>();
            Random random = new Random(capacity);
            for (int i = 0; i < 60_000; i++) {
                // Ids drawn from a range a few times the capacity: many repeats, many forgotten.
                String id = "svc-" + random.nextInt(capacity * 3 + 3);
                boolean expected = !current.contains(id) && !previous.contains(id);
                if (expected && current.size() == capacity) {
                    previous = current;
                    current = new HashSet<>();
                }
                if (expected) {
                    current.add(id);
                }

                boolean first = seen.firstTime(id);

                assertThat(first).as("capacity %d, step %d, id %s", capacity, i, id).isEqualTo(expected);
                if (lastNew.contains(id)) {
                    assertThat(first).as("one of the last %d new ids, taken as new: %s", capacity, id).isFalse();
                }
                if (first) {
                    lastNew.addLast(id);
                    if (lastNew.size() > capacity) {
                        lastNew.removeFirst();
                    }
                }
            }
            assertThat(seen.size()).isEqualTo(current.size() + previous.size()).isLessThanOrEqualTo(2 * capacity);
        }
    }

    @Test
    void aBatchTakenIsRecordedAsSingleCallsWouldBeAndARefusedOneIsForgotten() {
        SeenIds batched = new SeenIds(5_000);
        SeenIds single = new SeenIds(5_000);
        Random random = new Random(11);
        for (int round = 0; round < 500; round++) {
            List<String> ids = new ArrayList<>();
            for (int i = random.nextInt(20); i > 0; i--) {
                ids.add("id-" + random.nextInt(1_000)); // repeats within a batch and across batches
            }
            boolean refuse = random.nextInt(3) == 0;
            List<int[]> offered = new ArrayList<>();
            int[] taken = batched.recordIfTaken(ids, positions -> offered.add(positions) && !refuse);

            assertThat(offered).hasSize(1);
            if (refuse) {
                assertThat(taken).isNull();
                continue; // as if never offered: the single-call model does not see these
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (single.firstTime(ids.get(i))) {
                    expected.add(i);
                }
            }
            assertThat(taken).as("round %d", round).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        }
        assertThat(batched.size()).isEqualTo(single.size());
        assertThat(batched.recordIfTaken(List.of("x", "x"), positions -> true)).containsExactly(0);
    }

    @Test
    void aTakeThatThrowsLeavesTheIdsUnrecorded() {
        SeenIds seen = new SeenIds(10);
        seen.firstTime("a");

        assertThatThrownBy(() -> seen.recordIfTaken(List.of("a", "b", "c"), positions -> {
            throw new IllegalStateException("bus gone");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(seen.size()).isEqualTo(1);
        assertThat(seen.firstTime("b")).isTrue();
        assertThat(seen.firstTime("a")).isFalse();
    }

    @Test
    void batchesTakenRefusedOrThrownAtSmallCapacitiesAgreeWithTheGenerations() {
        for (int capacity = 1; capacity <= 20; capacity++) {
            SeenIds seen = new SeenIds(capacity);
            // The documented behaviour, as sets: the current generation and the one before.
            Set<String> current = new HashSet<>();
            Set<String> previous = new HashSet<>();
            Random random = new Random(capacity);
            for (int round = 0; round < 2_000; round++) {
                List<String> ids = new ArrayList<>();
                for (int i = random.nextInt(2 * capacity + 2); i > 0; i--) { // often more than a generation
                    ids.add("id-" + random.nextInt(4 * capacity + 4));
                }
                List<Integer> fresh = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    if (!current.contains(id) && !previous.contains(id)) {
                        if (current.size() == capacity) {
                            previous = current;
                            current = new HashSet<>();
                        }
                        current.add(id);
                        fresh.add(i);
                    }
                }
                int[] expected = fresh.stream().mapToInt(Integer::intValue).toArray();
                int outcome = random.nextInt(3); // taken, refused, or the take throws
                if (outcome != 0) {
                    for (int position : expected) { // forgotten again; a generation forgotten on the way stays so
                        if (!current.remove(ids.get(position))) {
                            previous.remove(ids.get(position));
                        }
                    }
                }

                List<int[]> offered = new ArrayList<>();
                if (outcome == 2) {
                    assertThatThrownBy(() -> seen.recordIfTaken(ids, positions -> {
                        throw new IllegalStateException("bus gone");
                    })).isInstanceOf(IllegalStateException.class);
                } else {
                    int[] taken = seen.recordIfTaken(ids, positions -> offered.add(positions) && outcome == 0);
                    assertThat(offered).singleElement().as("capacity %d, round %d", capacity, round).isEqualTo(expected);
                    assertThat(taken).isEqualTo(outcome == 0 ? expected : null);
                }
                assertThat(seen.size()).as("capacity %d, round %d", capacity, round)
                        .isEqualTo(current.size() + previous.size());
            }
        }
    }

    @Test
    void aRefusedBatchThatStartedANewGenerationIsForgottenFromBoth() {
        SeenIds seen = new SeenIds(10);
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            old.add("a" + i);
        }
        seen.recordIfTaken(old, positions -> true);
        List<String> batch = List.of("b0", "b1", "b2", "b3", "b4"); // b2 starts a new generation

        assertThat(seen.recordIfTaken(batch, positions -> false)).isNull();

        assertThat(seen.size()).isEqualTo(8);
        assertThat(seen.recordIfTaken(old, positions -> true)).isEmpty();
        assertThat(seen.recordIfTaken(batch, positions -> true)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void fingerprintsDifferForNearbyIds() {
        List<Long> fingerprints = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            fingerprints.add(SeenIds.fingerprint("r1-" + i));
        }
        assertThat(fingerprints).doesNotHaveDuplicates().doesNotContain(0L);
    }

    @Test
    void countsEachIdOnceAcrossThreads() throws InterruptedException {
        SeenIds seen = new SeenIds(SeenIds.DEFAULT_CAPACITY);
        AtomicInteger first = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    if (seen.firstTime("id-" + i)) {
                        first.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(first.get()).isEqualTo(20_000);
        assertThat(seen.size()).isEqualTo(20_000);
    }

    @Test
    void refusesACapacityOutOfRange() {
        assertThatThrownBy(() -> new SeenIds(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeenIds(SeenIds.MAX_CAPACITY + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to " + SeenIds.MAX_CAPACITY);
        assertThatThrownBy(() -> new SeenIds(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }
}
