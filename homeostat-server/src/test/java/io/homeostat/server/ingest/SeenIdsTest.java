package io.homeostat.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.SequencedSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

    @Test
    void remembersIdsAndForgetsTheOldestBeyondCapacity() {
        SeenIds seen = new SeenIds(3);
        assertThat(seen.firstTime("a")).isTrue();
        assertThat(seen.firstTime("b")).isTrue();
        assertThat(seen.firstTime("a")).isFalse();
        assertThat(seen.firstTime("c")).isTrue();
        assertThat(seen.firstTime("d")).isTrue(); // forgets a, the first seen
        assertThat(seen.size()).isEqualTo(3);
        assertThat(seen.firstTime("b")).isFalse();
        assertThat(seen.firstTime("a")).isTrue(); // forgotten, so new again; forgets b
        assertThat(seen.firstTime("b")).isTrue();
    }

    @Test
    void behavesLikeAnInsertionOrderedSetOfTheLastIdsThroughGrowthAndWrapAround() {
        for (int capacity : new int[] {1, 7, 1000, 5000}) {
            SeenIds seen = new SeenIds(capacity);
            SequencedSet<String> model = new LinkedHashSet<>();
            Random random = new Random(capacity);
            for (int i = 0; i < 60_000; i++) {
                // Ids drawn from a range somewhat larger than the capacity: many repeats, many evictions.
                String id = "svc-" + random.nextInt(capacity * 2 + 3);
                boolean expected = model.add(id);
                if (expected && model.size() > capacity) {
                    model.removeFirst();
                }
                assertThat(seen.firstTime(id)).as("capacity %d, step %d, id %s", capacity, i, id).isEqualTo(expected);
            }
            assertThat(seen.size()).isEqualTo(model.size());
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
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new SeenIds(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
