package io.homeostat.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RedisStreamSignalBusTest {

    private final RedisFixture redis = new RedisFixture();
    private final List<RedisStreamSignalBus> buses = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        buses.forEach(RedisStreamSignalBus::close);
        redis.close();
    }

    static MetricSample sample(long seq) {
        return new MetricSample("app", "seq", seq, Instant.parse("2026-01-01T00:00:00Z").plusMillis(seq),
                Map.of("seq", Long.toString(seq)));
    }

    private RedisStreamSignalBusBuilder bus() {
        return RedisStreamSignalBus.builder(RedisFixture.client()).keyspace(redis.keyspace());
    }

    private RedisStreamSignalBus started(RedisStreamSignalBusBuilder builder) {
        RedisStreamSignalBus bus = builder.build();
        buses.add(bus);
        return bus;
    }

    @Test
    void deliversEverySignalOnceInPublishOrderAndAcknowledgesIt() {
        RedisStreamSignalBus bus = started(bus().consumer("replica-1").batchSize(100));
        List<Signal> received = new CopyOnWriteArrayList<>();
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        bus.subscribe(batch -> {
            sizes.add(batch.size());
            received.addAll(batch);
        });
        List<Signal> sent = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            sent.add(sample(i));
            assertThat(bus.publish(sample(i))).isTrue();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2_000);

        assertThat(received).containsExactlyElementsOf(sent);
        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 100));
        assertThat(bus.published()).isEqualTo(2_000);
        assertThat(bus.sent()).isEqualTo(2_000);
        assertThat(bus.dropped()).isZero();
        RedisCommands<String, String> direct = redis.connect().sync();
        assertThat(direct.xlen(bus.config().streamKey())).isEqualTo(2_000);
        await().atMost(Duration.ofSeconds(5)).until(
                () -> direct.xpending(bus.config().streamKey(), "control-plane").getCount() == 0);
    }

    @Test
    void replicasInOneGroupShareTheStreamWithoutOverlap() {
        RedisStreamSignalBus publisher = started(bus());
        List<StreamSignal> first = new CopyOnWriteArrayList<>();
        List<StreamSignal> second = new CopyOnWriteArrayList<>();
        started(bus().consumer("replica-1").batchSize(50)).subscribeEntries(first::addAll);
        started(bus().consumer("replica-2").batchSize(50)).subscribeEntries(second::addAll);

        for (int i = 0; i < 3_000; i++) {
            publisher.publish(sample(i));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> first.size() + second.size() >= 3_000);
        List<String> ids = new ArrayList<>();
        first.forEach(entry -> ids.add(entry.id()));
        second.forEach(entry -> ids.add(entry.id()));
        assertThat(ids).hasSize(3_000).doesNotHaveDuplicates();
    }

    @Test
    void closeSendsWhatIsBufferedAndLaterPublishesAreDroppedAndCounted() {
        RedisStreamSignalBus bus = bus().build();
        for (int i = 0; i < 1_000; i++) {
            bus.publish(sample(i));
        }

        bus.close();

        assertThat(bus.sent()).isEqualTo(1_000);
        assertThat(bus.publish(sample(1_000))).isFalse();
        assertThat(bus.dropped()).isEqualTo(1);
        assertThat(redis.connect().sync().xlen(bus.config().streamKey())).isEqualTo(1_000);
        assertThatThrownBy(() -> bus.subscribe(batch -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invalidEntriesAreCountedAcknowledgedAndSkipped() {
        RedisStreamSignalBus bus = started(bus().consumer("replica-1"));
        RedisCommands<String, String> direct = redis.connect().sync();
        direct.xadd(bus.config().streamKey(), "s", "{\"kind\":\"metric_sample\",\"value\":NaN}");
        direct.xadd(bus.config().streamKey(), "other", "x");
        bus.publish(sample(7));
        List<Signal> received = new CopyOnWriteArrayList<>();

        bus.subscribe(received::addAll);

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1 && bus.undecodable() == 2);
        assertThat(received).containsExactly(sample(7));
        await().atMost(Duration.ofSeconds(5)).until(
                () -> direct.xpending(bus.config().streamKey(), "control-plane").getCount() == 0);
    }

    @Test
    void throwingSubscriberIsCountedAndKeepsItsSubscription() {
        RedisStreamSignalBus bus = started(bus().consumer("replica-1"));
        AtomicInteger calls = new AtomicInteger();
        List<Signal> others = new CopyOnWriteArrayList<>();
        bus.subscribe(batch -> {
            calls.incrementAndGet();
            throw new IllegalStateException("boom");
        });
        bus.subscribe(others::addAll);

        bus.publish(sample(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> others.size() == 1);
        bus.publish(sample(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> others.size() == 2);

        assertThat(calls.get()).isEqualTo(bus.subscriberFailures()).isGreaterThanOrEqualTo(1);
        assertThat(others).containsExactly(sample(1), sample(2));
    }
}
