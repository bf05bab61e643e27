package io.homeostat.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.codec.SignalCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** A batch is published whole or not at all: a full bus refuses it for now, and nothing is lost or doubled. */
class IngestTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-06-01T12:00:00Z"));
    private final InProcessSignalBus bus = InProcessSignalBus.builder().capacity(4).buildManual();
    private final List<Double> received = new ArrayList<>();
    private final Ingest ingest = new Ingest(new SignalBatchReader(SignalCodec.create(), 100, Duration.ofMinutes(5)),
            bus, new SeenIds(1_000), clock);

    IngestTest() {
        bus.subscribe(batch -> batch.forEach(signal -> received.add(((MetricSample) signal).value())));
    }

    private static byte[] body(int... ids) {
        StringJoiner signals = new StringJoiner(",", "{\"signals\":[", "]}");
        for (int id : ids) {
            signals.add("{\"id\":\"s-" + id + "\",\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\","
                    + "\"value\":" + id + ",\"time\":\"2026-06-01T11:59:00Z\"}");
        }
        return signals.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void publishesTheNewSignalsOfABatchAndCountsTheDuplicates() {
        assertThat(ingest.accept(body(1, 2))).isEqualTo(new IngestResult(2, 0));
        assertThat(ingest.accept(body(2, 3, 3))).isEqualTo(new IngestResult(1, 2));

        bus.drain();
        assertThat(received).containsExactly(1.0, 2.0, 3.0);
        assertThat(ingest.totals()).isEqualTo(new IngestTotals(3, 2, 0, 0));
    }

    @Test
    void aBatchTheBusCannotTakeWholeIsRefusedForNowAndTakenWhenSentAgain() {
        assertThat(ingest.accept(body(1, 2, 3))).isEqualTo(new IngestResult(3, 0));

        // One place left; the batch has two new signals: none is taken, nothing is dropped.
        assertThatThrownBy(() -> ingest.accept(body(3, 4, 5))).isInstanceOfSatisfying(IngestRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.busy()).isTrue();
            assertThat(e.getMessage()).contains("busy", "send it again");
        });
        assertThat(bus.pending()).isEqualTo(3);
        assertThat(bus.dropped()).isZero();

        bus.drain();
        // Sent again as it was: 4 and 5 were not remembered as seen, 3 still is.
        assertThat(ingest.accept(body(3, 4, 5))).isEqualTo(new IngestResult(2, 1));
        bus.drain();
        assertThat(received).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(ingest.totals()).isEqualTo(new IngestTotals(5, 1, 1, 0));
    }

    @Test
    void aBatchOfOnlyDuplicatesIsAcceptedEvenWhenTheBusIsFull() {
        ingest.accept(body(1, 2, 3, 4));

        assertThat(ingest.accept(body(1, 2))).isEqualTo(new IngestResult(0, 2));
    }

    @Test
    void aBatchLargerThanTheBusIsRefusedForGood() {
        assertThatThrownBy(() -> ingest.accept(body(1, 2, 3, 4, 5))).isInstanceOfSatisfying(IngestRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.busy()).isFalse();
            assertThat(e.field()).isEqualTo("signals");
            assertThat(e.getMessage()).contains("holds 5 signals", "(4)", "smaller batches");
        });
        assertThat(ingest.totals().rejectedBatches()).isEqualTo(1);
        assertThat(bus.published()).isZero();
    }

    @Test
    void aBadBatchPublishesNothingAndRemembersNoId() {
        byte[] bad = "{\"signals\":[{\"id\":\"s-1\",\"kind\":\"metric_sample\"}]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ingest.accept(bad)).isInstanceOf(IngestRejectedException.class);

        assertThat(ingest.accept(body(1))).isEqualTo(new IngestResult(1, 0));
        bus.drain();
        assertThat(received).containsExactly(1.0);
    }

    @Test
    void aCopyOfABatchSentAtTheSameTimeFromManyThreadsIsPublishedOnce() throws InterruptedException {
        InProcessSignalBus big = InProcessSignalBus.builder().capacity(100_000).buildManual();
        Ingest shared = new Ingest(new SignalBatchReader(SignalCodec.create(), 1_000, Duration.ofMinutes(5)), big,
                new SeenIds(10_000), clock);
        int[] ids = new int[500];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        byte[] batch = body(ids);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> shared.accept(batch)));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        List<Signal> delivered = new ArrayList<>();
        big.subscribe(delivered::addAll);
        big.drain();
        assertThat(delivered).hasSize(500);
        assertThat(shared.totals()).isEqualTo(new IngestTotals(500, 1_500, 0, 0));
    }
}
