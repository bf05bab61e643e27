package io.homeostat.core.signal;

import static io.homeostat.core.signal.InProcessSignalBusTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class InProcessSignalBusConcurrencyTest {

    private static final int THREADS = 8;

    /** Runs {@code perThread} publishes on each of 8 threads at once; returns each thread's accepted count. */
    private static long[] publishConcurrently(SignalBus bus, int perThread) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String service = "p" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    long accepted = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (bus.publish(sample(service, i))) {
                            accepted++;
                        }
                    }
                    return accepted;
                }));
            }
            long[] accepted = new long[THREADS];
            for (int t = 0; t < THREADS; t++) {
                accepted[t] = results.get(t).get(60, TimeUnit.SECONDS);
            }
            return accepted;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    void everyOfferedSignalIsReceivedOrCountedAsDropped() throws Exception {
        InProcessSignalBus bus = InProcessSignalBus.create();
        long[] received = new long[1]; // written only by the delivery thread
        Map<String, Double> lastSeen = new HashMap<>();
        long[] outOfOrder = new long[1];
        bus.subscribe(batch -> {
            received[0] += batch.size();
            for (Signal signal : batch) {
                MetricSample sample = (MetricSample) signal;
                Double previous = lastSeen.put(sample.service(), sample.value());
                if (previous != null && previous >= sample.value()) {
                    outOfOrder[0]++;
                }
            }
        });
        int perThread = 100_000;

        long[] accepted = publishConcurrently(bus, perThread);
        bus.close(); // join on the delivery thread makes its writes visible here

        long offered = (long) THREADS * perThread;
        long acceptedTotal = 0;
        for (long a : accepted) {
            acceptedTotal += a;
        }
        assertThat(bus.published()).isEqualTo(acceptedTotal);
        assertThat(received[0] + bus.dropped()).isEqualTo(offered);
        assertThat(bus.published()).isEqualTo(received[0]);
        assertThat(outOfOrder[0]).as("signals of one publisher out of order").isZero();
    }

    @Test
    @Timeout(60)
    void concurrentPublishersFillExactlyToCapacity() throws Exception {
        InProcessSignalBus bus = InProcessSignalBus.builder().capacity(4_000).buildManual();

        long[] accepted = publishConcurrently(bus, 1_000);

        long total = 0;
        for (long a : accepted) {
            total += a;
        }
        assertThat(total).isEqualTo(4_000);
        assertThat(bus.published()).isEqualTo(4_000);
        assertThat(bus.dropped()).isEqualTo(4_000);
        assertThat(bus.drain()).isEqualTo(4_000);
    }

    @Test
    @Timeout(60)
    void wholeBatchesAndSinglePublishersTogetherFillExactlyToCapacityInOrder() throws Exception {
        InProcessSignalBus bus = InProcessSignalBus.builder().capacity(10_000).batchSize(64).buildManual();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Long>> results = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < THREADS; t++) {
                String service = "p" + t;
                boolean batches = t % 2 == 0;
                results.add(pool.submit(() -> {
                    start.await();
                    long accepted = 0;
                    for (int i = 0; i < 5_000; i += 10) {
                        if (batches) {
                            List<Signal> batch = new ArrayList<>();
                            for (int j = i; j < i + 10; j++) {
                                batch.add(sample(service, j));
                            }
                            accepted += bus.publishAll(batch) ? batch.size() : 0;
                        } else {
                            for (int j = i; j < i + 10; j++) {
                                accepted += bus.publish(sample(service, j)) ? 1 : 0;
                            }
                        }
                    }
                    return accepted;
                }));
            }
            start.countDown();
            long total = 0;
            for (Future<Long> result : results) {
                total += result.get();
            }
            Map<String, List<Double>> seen = new HashMap<>();
            bus.subscribe(batch -> batch.forEach(signal -> seen
                    .computeIfAbsent(signal.service(), k -> new ArrayList<>()).add(((MetricSample) signal).value())));

            // 40,000 offered against room for 10,000: full, but for less than one batch of 10 at most.
            assertThat(total).isBetween(10_000L - 9, 10_000L);
            assertThat(bus.published()).isEqualTo(total);
            assertThat(bus.drain()).isEqualTo(total);
            seen.forEach((service, values) -> {
                assertThat(values).as(service).isSorted().doesNotHaveDuplicates();
                if (Integer.parseInt(service.substring(1)) % 2 == 0) {
                    // Whole batches only: each of them ten consecutive values starting at a multiple of 10.
                    assertThat(values.size() % 10).as(service).isZero();
                    for (int i = 0; i < values.size(); i += 10) {
                        assertThat(values.get(i) % 10).as(service).isZero();
                        assertThat(values.get(i + 9)).as(service).isEqualTo(values.get(i) + 9);
                    }
                }
            });
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    void perPublisherOrderHoldsWithoutDrops() throws Exception {
        InProcessSignalBus bus = InProcessSignalBus.builder().capacity(1 << 20).batchSize(64).build();
        Map<String, List<Double>> seen = new HashMap<>();
        bus.subscribe(batch -> batch.forEach(signal -> seen
                .computeIfAbsent(signal.service(), k -> new ArrayList<>()).add(((MetricSample) signal).value())));

        publishConcurrently(bus, 20_000);
        bus.close();

        assertThat(bus.dropped()).isZero();
        assertThat(seen).hasSize(THREADS);
        for (List<Double> values : seen.values()) {
            assertThat(values).hasSize(20_000).isSorted().doesNotHaveDuplicates();
        }
    }
}
