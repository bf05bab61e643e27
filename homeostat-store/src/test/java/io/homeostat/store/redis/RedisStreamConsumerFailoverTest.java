package io.homeostat.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.signal.MetricSample;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A control-plane replica dies mid-stream: its connection is cut (through a proxy) right after
 * its subscriber processed a batch and before that batch was acknowledged. The surviving replica
 * claims what the dead one left pending; every signal is processed, none twice once deduplicated
 * by stream entry id.
 */
@Timeout(90)
class RedisStreamConsumerFailoverTest {

    private static final int SIGNALS = 5_000;

    private final RedisFixture redis = new RedisFixture();
    private final CuttableProxy proxy = CuttableProxy.to(RedisFixture.uri().getHost(), RedisFixture.uri().getPort());
    private final List<RedisStreamSignalBus> buses = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        buses.forEach(RedisStreamSignalBus::close);
        proxy.close();
        redis.close();
    }

    @Test
    void survivorClaimsWhatTheKilledConsumerLeftAndEverySignalIsProcessedOnce() {
        RedisStreamSignalBus publisher = started(RedisStreamSignalBus.builder(RedisFixture.client())
                .keyspace(redis.keyspace()));
        List<StreamSignal> processed = new CopyOnWriteArrayList<>();
        AtomicInteger doomedBatches = new AtomicInteger();
        AtomicReference<List<StreamSignal>> unacknowledged = new AtomicReference<>();
        RedisStreamSignalBus doomed = started(replica(RedisStreamSignalBus.builder(redis.clientThrough(proxy)), "doomed"));
        doomed.subscribeEntries(batch -> {
            processed.addAll(batch);
            if (doomedBatches.incrementAndGet() == 3) {
                unacknowledged.set(batch);
                proxy.cut(); // dies before its XACK of this batch
            }
        });

        publishRange(publisher, 0, SIGNALS / 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> unacknowledged.get() != null);
        RedisStreamSignalBus survivor = started(replica(RedisStreamSignalBus.builder(RedisFixture.client()), "survivor"));
        survivor.subscribeEntries(processed::addAll);
        publishRange(publisher, SIGNALS / 2, SIGNALS);

        // Every id can be seen before the claim: the doomed consumer processed its last batch before
        // it died. The claim comes once that batch has been idle for claimIdle, and the claimed
        // entries are delivered after they are counted: wait until they came a second time.
        Map<String, StreamSignal> byId = new HashMap<>();
        await().atMost(Duration.ofSeconds(40)).until(() -> {
            byId.clear();
            processed.forEach(entry -> byId.put(entry.id(), entry));
            int again = processed.size() - byId.size();
            return byId.size() >= SIGNALS && again >= unacknowledged.get().size();
        });

        assertThat(byId).hasSize(SIGNALS);
        assertThat(byId.values().stream().mapToLong(entry -> (long) ((MetricSample) entry.signal()).value()).sorted())
                .as("each published signal exactly once after deduplication by entry id")
                .containsExactlyElementsOf(LongStream.range(0, SIGNALS).boxed().toList());
        assertThat(survivor.claimed()).as("the survivor claimed the dead consumer's pending entries")
                .isGreaterThanOrEqualTo(unacknowledged.get().size());
        assertThat(processed).as("the batch processed without acknowledgement came twice")
                .hasSizeGreaterThan(SIGNALS).containsAll(unacknowledged.get());
        RedisCommands<String, String> direct = redis.connect().sync();
        await().atMost(Duration.ofSeconds(10)).until(
                () -> direct.xpending(publisher.config().streamKey(), "control-plane").getCount() == 0);
    }

    private static RedisStreamSignalBusBuilder replica(RedisStreamSignalBusBuilder builder, String name) {
        return builder.consumer(name).batchSize(100).claimIdle(Duration.ofMillis(500));
    }

    private RedisStreamSignalBusBuilder keyed(RedisStreamSignalBusBuilder builder) {
        return builder.keyspace(redis.keyspace());
    }

    private RedisStreamSignalBus started(RedisStreamSignalBusBuilder builder) {
        RedisStreamSignalBus bus = keyed(builder).build();
        buses.add(bus);
        return bus;
    }

    private static void publishRange(RedisStreamSignalBus bus, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(bus.publish(RedisStreamSignalBusTest.sample(i))).isTrue();
        }
    }
}
