package io.homeostat.core.breaker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.breaker.WindowSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WindowConcurrencyTest {

    private static final int THREADS = 8;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void countWindowStaysExactWhenThreadsLapTheRing() throws Exception {
        for (int size : new int[] {1, 3, 16, 100}) {
            CountWindow window = new CountWindow(size);
            CyclicBarrier barrier = new CyclicBarrier(THREADS);
            runAll(thread -> {
                Random random = new Random(thread);
                barrier.await(10, TimeUnit.SECONDS);
                for (int i = 0; i < 50_000; i++) {
                    window.record(0, Window.code(random.nextBoolean(), random.nextBoolean()));
                }
                barrier.await(10, TimeUnit.SECONDS); // every mixed outcome is in
                for (int i = 0; i < size; i++) {
                    window.record(0, Window.code(true, false));
                }
                return null;
            });

            assertThat(window.snapshot(0, 0)).as("size %d", size).isEqualTo(new WindowSnapshot(size, size, 0, 0));
        }
    }

    @Test
    void countWindowStaysExactWhenRareFailuresRaceSuccessesIntoAFullWindow() throws Exception {
        for (int size : new int[] {1, 3, 16, 100}) {
            CountWindow window = new CountWindow(size);
            CyclicBarrier barrier = new CyclicBarrier(THREADS);
            runAll(thread -> {
                Random random = new Random(100 + thread);
                barrier.await(10, TimeUnit.SECONDS);
                for (int i = 0; i < 50_000; i++) {
                    // mostly plain successes, so most records take the no-write path
                    window.record(0, Window.code(random.nextInt(40) == 0, random.nextInt(70) == 0));
                }
                return null;
            });
            for (int i = 0; i < size; i++) {
                window.record(0, Window.code(false, false));
            }
            assertThat(window.snapshot(0, 0)).as("size %d", size).isEqualTo(new WindowSnapshot(size, 0, 0, 0));
            for (int i = 0; i < size; i++) {
                window.record(0, Window.code(true, true));
            }
            assertThat(window.snapshot(0, 0)).as("size %d", size).isEqualTo(new WindowSnapshot(size, size, size, 0));
        }
    }

    @Test
    void timeWindowCountsEveryCallWhileThreadsRollBucketsOver() throws Exception {
        int seconds = 60;
        int perThread = 60_000;
        TimeWindow window = new TimeWindow(seconds);
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        runAll(thread -> {
            barrier.await(10, TimeUnit.SECONDS);
            for (int i = 0; i < perThread; i++) {
                long now = (long) i * seconds * SECOND / perThread; // all threads sweep the same seconds
                window.record(now, Window.code(i % 4 == 0, i % 5 == 0));
            }
            return null;
        });

        WindowSnapshot snapshot = window.snapshot((seconds - 1) * SECOND, 0);
        assertThat(snapshot).isEqualTo(new WindowSnapshot(THREADS * perThread, THREADS * perThread / 4,
                THREADS * perThread / 5, 0));
    }

    private interface Work {
        Void run(int thread) throws Exception;
    }

    private static void runAll(Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Void> task = () -> work.run(thread);
                futures.add(pool.submit(task));
            }
            for (Future<Void> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
