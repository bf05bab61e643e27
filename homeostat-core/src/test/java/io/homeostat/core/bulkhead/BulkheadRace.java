package io.homeostat.core.bulkhead;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Races threads through a bulkhead and records the most calls seen inside at once. */
final class BulkheadRace {

    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger maxInside = new AtomicInteger();
    final AtomicInteger maxLimitSeen = new AtomicInteger();
    final LongAdder admitted = new LongAdder();
    final LongAdder rejected = new LongAdder();

    /** {@code threads} threads each try {@code calls} calls; a tenth of them report overload. */
    void run(Bulkhead bulkhead, int threads, int calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SplittableRandom random = new SplittableRandom(42 + t);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < calls; i++) {
                        call(bulkhead, random);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void call(Bulkhead bulkhead, SplittableRandom random) {
        maxLimitSeen.accumulateAndGet(bulkhead.limit(), Math::max);
        if (!bulkhead.tryAcquire()) {
            rejected.increment();
            return;
        }
        admitted.increment();
        int now = inside.incrementAndGet();
        maxInside.accumulateAndGet(now, Math::max);
        for (int spin = random.nextInt(50); spin > 0; spin--) {
            Thread.onSpinWait();
        }
        inside.decrementAndGet();
        bulkhead.release(random.nextLong(1_000_000L), random.nextInt(10) == 0);
    }
}
