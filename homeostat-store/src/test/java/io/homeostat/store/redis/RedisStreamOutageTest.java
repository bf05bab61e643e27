package io.homeostat.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.signal.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Publishers while Redis is cut away (through a proxy), and from many threads at once. */
@Timeout(90)
class RedisStreamOutageTest {

    private final RedisFixture redis = new RedisFixture();
    private final CuttableProxy proxy = CuttableProxy.to(RedisFixture.uri().getHost(), RedisFixture.uri().getPort());
    private final List<RedisStreamSignalBus> buses = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        buses.forEach(RedisStreamSignalBus::close);
        proxy.close();
        redis.close();
    }

    private RedisStreamSignalBus started(RedisStreamSignalBusBuilder builder) {
        RedisStreamSignalBus bus = builder.keyspace(redis.keyspace()).build();
        buses.add(bus);
        return bus;
    }

    @Test
    void publishingWhileRedisIsAwayDropsAndCountsBeyondTheBufferThenSendsWhatItKept() {
        RedisStreamSignalBus bus = started(RedisStreamSignalBus.builder(redis.clientThrough(proxy))
                .bufferCapacity(1_000).batchSize(100));
        proxy.cut();

        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            if (bus.publish(RedisStreamSignalBusTest.sample(i))) {
                accepted++;
            }
        }

        assertThat(bus.published()).isEqualTo(accepted);
        assertThat(bus.published() + bus.dropped()).isEqualTo(20_000);
        assertThat(accepted).as("the buffer plus the batches in flight, no more").isLessThanOrEqualTo(1_000 + 4 * 100);
        assertThat(bus.dropped()).isGreaterThanOrEqualTo(20_000 - 1_400);
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.sendFailures() > 0);
        assertThat(bus.sent()).isZero();

        proxy.restore();

        await().atMost(Duration.ofSeconds(30)).until(() -> bus.sent() >= bus.published());
        assertThat(redis.connect().sync().xlen(bus.config().streamKey())).isGreaterThanOrEqualTo(bus.published());
    }

    @Test
    void signalsFromManyPublishingThreadsAllArrive() throws Exception {
        RedisStreamSignalBus publisher = started(RedisStreamSignalBus.builder(RedisFixture.client()));
        List<Signal> received = new CopyOnWriteArrayList<>();
        started(RedisStreamSignalBus.builder(RedisFixture.client()).consumer("replica-1")).subscribe(received::addAll);
        int threads = 4;
        int each = 2_500;
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                workers.add(pool.submit(() -> {
                    for (int i = base; i < base + each; i++) {
                        if (!publisher.publish(RedisStreamSignalBusTest.sample(i))) {
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(refused.get()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= threads * each);
        assertThat(received).hasSize(threads * each).doesNotHaveDuplicates();
        assertThat(publisher.sent()).isEqualTo(threads * each);
    }
}
