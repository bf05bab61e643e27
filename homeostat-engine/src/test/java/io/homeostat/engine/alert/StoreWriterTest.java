package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.GroupTiming;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.ActiveAlert;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.memory.ForwardingActiveAlertStore;
import io.homeostat.engine.port.memory.InMemoryActiveAlertStore;
import io.homeostat.engine.port.memory.InMemorySilenceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The store writes nobody waits for run on the {@linkplain AlertingBuilder#storeWriter store
 * writer}: a database that stops answering holds that writer, not the thread that reports alerts
 * (the loop's) nor the scheduler's timer.
 */
class StoreWriterTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final ManualClock clock = ManualClock.at(START);
    private final RecordingChannel ops = new RecordingChannel("ops");
    private final InMemoryActiveAlertStore alerts = new InMemoryActiveAlertStore();
    private final InMemorySilenceStore silences = new InMemorySilenceStore();

    private AlertingBuilder alerting(ActiveAlertStore store) {
        return Alerting.builder(clock.scheduler())
                .receiver(Receiver.of("ops", ops))
                .route(Route.to("ops").groupBy(Labels.SERVICE)
                        .timing(new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(4)))
                        .build())
                .activeAlerts(store)
                .silences(silences);
    }

    private Alert critical(String service) {
        return Alert.of(service, Severity.CRITICAL, "availability", "inc-1", service + " down", clock.instant());
    }

    @Test
    @Timeout(30)
    void reportsAndAcknowledgementsReturnWhileTheStoreHangsAndTheLatestStateIsWrittenOnceItAnswers() throws Exception {
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        ActiveAlertStore hangs = new ForwardingActiveAlertStore(alerts) {
            @Override
            public void save(ActiveAlert alert) {
                hanging.countDown();
                try {
                    answer.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.save(alert);
            }
        };
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Alerting manager = alerting(hangs).storeWriter(writer).build();
            Alert db = critical("db:primary");
            Alert api = critical("api");

            manager.fire(db);
            assertThat(hanging.await(10, TimeUnit.SECONDS)).as("the writer is in the store").isTrue();
            manager.fire(api);
            manager.acknowledge(db.fingerprint(), "token:alice");
            assertThat(manager.alerts()).extracting(AlertView::fingerprint)
                    .containsExactlyInAnyOrder(db.fingerprint(), api.fingerprint());
            assertThat(alerts.all()).as("nothing written yet: the store does not answer").isEmpty();

            answer.countDown();
            writer.shutdown();
            assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(alerts.all()).extracting(ActiveAlert::fingerprint, ActiveAlert::acknowledgedBy)
                    .containsExactlyInAnyOrder(
                            tuple(db.fingerprint(), "token:alice"),
                            tuple(api.fingerprint(), ""));
        } finally {
            answer.countDown();
            writer.shutdownNow();
        }
    }

    @Test
    void aSilenceThatRunsOutStopsMutingOnTimeWhileItsRemovalFromTheStoreWaitsForTheWriter() {
        List<Runnable> writes = new ArrayList<>();
        Alerting manager = alerting(alerts).storeWriter(writes::add).build();
        Silence silence = manager.silence(List.of(Matcher.eq(Labels.SERVICE, "checkout")), START,
                START.plus(Duration.ofMinutes(10)), "token:ops", "maintenance of checkout");
        assertThat(silences.all()).as("made on the caller's thread, which is told it is stored").containsExactly(silence);
        manager.fire(critical("checkout"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(ops.count()).as("muted").isZero();

        clock.advance(Duration.ofMinutes(10));
        assertThat(ops.count()).as("notified once the silence ran out").isEqualTo(1);
        assertThat(manager.silences()).isEmpty();
        assertThat(silences.all()).as("its removal waits for the writer").containsExactly(silence);

        writes.forEach(Runnable::run);
        assertThat(silences.all()).isEmpty();
        assertThat(alerts.all()).extracting(ActiveAlert::fingerprint).containsExactly(critical("checkout").fingerprint());
    }

    @Test
    void aWriterThatWasShutDownHasTheWriteRunOnTheCallingThread() {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        writer.shutdown();
        Alerting manager = alerting(alerts).storeWriter(writer).build();
        Alert db = critical("db:primary");

        manager.fire(db);

        assertThat(alerts.all()).extracting(ActiveAlert::fingerprint).containsExactly(db.fingerprint());
    }
}
