package io.homeostat.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class InProcessSignalBusTest {

    static MetricSample sample(String service, long value) {
        return new MetricSample(service, "seq", value, Instant.EPOCH, Map.of());
    }

    @Test
    void deliversInBatchesOfAtMostBatchSize() {
        InProcessSignalBus bus = InProcessSignalBus.builder().batchSize(512).buildManual();
        List<Integer> sizes = new ArrayList<>();
        bus.subscribe(batch -> sizes.add(batch.size()));
        for (int i = 0; i < 1300; i++) {
            bus.publish(sample("a", i));
        }

        assertThat(bus.drain()).isEqualTo(1300);

        assertThat(sizes).containsExactly(512, 512, 276);
        assertThat(bus.delivered()).isEqualTo(1300);
        assertThat(bus.pending()).isZero();
    }

    @Test
    void countsDropsExactlyWhenFull() {
        InProcessSignalBus bus = InProcessSignalBus.builder().capacity(8).buildManual();
        List<Signal> received = new ArrayList<>();
        bus.subscribe(received::addAll);

        for (int i = 0; i < 8; i++) {
            assertThat(bus.publish(sample("a", i))).isTrue();
        }
        for (int i = 8; i < 12; i++) {
            assertThat(bus.publish(sample("a", i))).isFalse();
        }

        assertThat(bus.published()).isEqualTo(8);
        assertThat(bus.dropped()).isEqualTo(4);
        assertThat(bus.drain()).isEqualTo(8);
        assertThat(received).extracting(s -> ((MetricSample) s).value())
                .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0);
        assertThat(bus.publish(sample("a", 99))).isTrue();
    }

    @Test
    void publishAllQueuesAWholeBatchOrNoneOfIt() {
        InProcessSignalBus bus = InProcessSignalBus.builder().capacity(8).batchSize(4).buildManual();
        List<Signal> received = new ArrayList<>();
        bus.subscribe(received::addAll);
        assertThat(bus.publish(sample("a", -1))).isTrue();
        List<Signal> seven = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seven.add(sample("a", i));
        }
        List<Signal> two = List.of(sample("b", 1), sample("b", 2));

        assertThat(bus.publishAll(seven)).isTrue(); // exactly fills the bus
        assertThat(bus.publishAll(two)).isFalse();

        assertThat(bus.published()).isEqualTo(8);
        assertThat(bus.dropped()).as("a refused batch is the caller's, not a drop").isZero();
        assertThat(bus.drain()).isEqualTo(8);
        assertThat(received).extracting(s -> ((MetricSample) s).value())
                .containsExactly(-1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
        assertThat(bus.publishAll(two)).isTrue();
        assertThat(bus.publishAll(List.of())).isTrue();
        assertThat(bus.pending()).isEqualTo(2);
    }

    @Test
    void publishAllRefusesABatchLargerThanTheBus() {
        InProcessSignalBus bus = InProcessSignalBus.builder().capacity(3).buildManual();
        List<Signal> four = List.of(sample("a", 1), sample("a", 2), sample("a", 3), sample("a", 4));

        assertThat(bus.publishAll(four)).isFalse();
        assertThat(bus.publishAll(four.subList(0, 3))).isTrue();
        assertThat(bus.published()).isEqualTo(3);
    }

    @Test
    void publishAllWithANullElementQueuesNothing() {
        InProcessSignalBus bus = InProcessSignalBus.manual();
        List<Signal> batch = new ArrayList<>();
        batch.add(sample("a", 1));
        batch.add(null);

        assertThatThrownBy(() -> bus.publishAll(batch)).isInstanceOf(NullPointerException.class);

        assertThat(bus.published()).isZero();
    }

    @Test
    void publishAllAfterCloseQueuesNothing() {
        InProcessSignalBus bus = InProcessSignalBus.manual();
        bus.close();

        assertThat(bus.publishAll(List.of(sample("a", 1), sample("a", 2)))).isFalse();

        assertThat(bus.published()).isZero();
    }

    @Test
    @Timeout(10)
    void publishAllWakesTheDeliveryThread() throws Exception {
        InProcessSignalBus bus = InProcessSignalBus.create();
        CountDownLatch all = new CountDownLatch(1_000);
        bus.subscribe(batch -> batch.forEach(signal -> all.countDown()));
        List<Signal> batch = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            batch.add(sample("a", i));
        }
        try (bus) {
            assertThat(bus.publishAll(batch)).isTrue();
            all.await(); // the delivery thread was parked: the one wake-up for the batch reaches it
        }
        assertThat(bus.delivered()).isEqualTo(1_000);
    }

    @Test
    void boundIsExactForAnyCapacityUnderRandomPublishAndDrain() {
        Random random = new Random(7);
        for (int capacity : new int[] {1, 3, 5, 8, 13}) {
            InProcessSignalBus bus = InProcessSignalBus.builder().capacity(capacity).batchSize(4).buildManual();
            AtomicInteger received = new AtomicInteger();
            bus.subscribe(batch -> received.addAndGet(batch.size()));
            long queued = 0;
            long accepted = 0;
            long dropped = 0;
            for (int op = 0; op < 2000; op++) {
                if (random.nextInt(4) == 0) {
                    assertThat(bus.drain()).isEqualTo(queued);
                    queued = 0;
                } else if (bus.publish(sample("a", op))) {
                    assertThat(queued).isLessThan(capacity);
                    queued++;
                    accepted++;
                } else {
                    assertThat(queued).isEqualTo(capacity);
                    dropped++;
                }
            }
            bus.close();
            assertThat(bus.published()).isEqualTo(accepted);
            assertThat(bus.dropped()).isEqualTo(dropped);
            assertThat(received.get()).isEqualTo(accepted);
        }
    }

    @Test
    void subscriberExceptionsAreCountedAndOthersStillReceive() {
        InProcessSignalBus bus = InProcessSignalBus.builder().batchSize(1).buildManual();
        List<Signal> received = new ArrayList<>();
        bus.subscribe(batch -> {
            throw new IllegalStateException("broken subscriber");
        });
        bus.subscribe(received::addAll);
        for (int i = 0; i < 3; i++) {
            bus.publish(sample("a", i));
        }

        bus.drain();

        assertThat(bus.subscriberFailures()).isEqualTo(3);
        assertThat(received).hasSize(3);
    }

    @Test
    void unsubscribedConsumerReceivesNothingMore() throws Exception {
        InProcessSignalBus bus = InProcessSignalBus.manual();
        List<Signal> received = new ArrayList<>();
        AutoCloseable subscription = bus.subscribe(received::addAll);
        bus.publish(sample("a", 1));
        bus.drain();

        subscription.close();
        bus.publish(sample("a", 2));
        bus.drain();

        assertThat(received).hasSize(1);
    }

    @Test
    void closedBusDropsAndCounts() {
        InProcessSignalBus bus = InProcessSignalBus.manual();
        List<Signal> received = new ArrayList<>();
        bus.subscribe(received::addAll);
        bus.publish(sample("a", 1));

        bus.close();

        assertThat(received).hasSize(1);
        assertThat(bus.isClosed()).isTrue();
        assertThat(bus.publish(sample("a", 2))).isFalse();
        assertThat(bus.dropped()).isEqualTo(1);
    }

    @Test
    @Timeout(10)
    void threadedCloseDeliversWhatIsQueuedBeforeReturning() throws Exception {
        InProcessSignalBus bus = InProcessSignalBus.create();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Signal> received = new CopyOnWriteArrayList<>();
        bus.subscribe(batch -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.addAll(batch);
        });
        bus.publish(sample("a", 0));
        entered.await(); // the delivery thread now holds the first batch
        for (int i = 1; i <= 1000; i++) {
            bus.publish(sample("a", i));
        }
        Thread closer = new Thread(bus::close);
        closer.start();
        while (!bus.isClosed()) {
            Thread.onSpinWait();
        }
        assertThat(bus.publish(sample("a", -1))).isFalse();

        release.countDown();
        closer.join();

        assertThat(received).hasSize(1001);
        assertThat(bus.pending()).isZero();
        assertThat(bus.dropped()).isEqualTo(1);
    }

    @Test
    void drainIsOnlyForManualBuses() {
        InProcessSignalBus bus = InProcessSignalBus.create();
        try {
            assertThatThrownBy(bus::drain).isInstanceOf(IllegalStateException.class);
        } finally {
            bus.close();
        }
    }

    @Test
    void builderRejectsBadSizes() {
        assertThatThrownBy(() -> InProcessSignalBus.builder().capacity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InProcessSignalBus.builder().batchSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(InProcessSignalBus.manual().capacity()).isEqualTo(65_536);
    }
}
