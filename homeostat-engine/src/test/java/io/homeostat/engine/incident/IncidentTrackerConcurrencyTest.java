package io.homeostat.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IncidentTrackerConcurrencyTest {

    @Test
    void detectionsTicksAndTransitionsFromManyThreadsLoseNothingAndNeverOpenAFingerprintTwice() throws Exception {
        ManualClock clock = ManualClock.create();
        Detections detections = new Detections(clock);
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        IncidentTracker tracker = IncidentTracker.builder(store).clock(clock).build();
        int services = 10;
        int feeders = 4;
        int perFeeder = 250;
        ExecutorService pool = Executors.newFixedThreadPool(feeders + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int f = 0; f < feeders; f++) {
                int feeder = f;
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perFeeder; i++) {
                        tracker.observe(detections.firing("svc" + ((i + feeder) % services), "errors", Severity.HIGH));
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 200; i++) {
                    tracker.tick();
                    for (Incident incident : tracker.active()) {
                        if (incident.status() == IncidentStatus.OPEN) {
                            try {
                                tracker.diagnose(incident.id(), "concurrent", Map.of());
                            } catch (IllegalIncidentTransitionException raced) {
                                // another pass diagnosed it first: fine
                            }
                        }
                    }
                }
                return null;
            }));
            start.countDown();
            for (Future<?> future : work) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        tracker.flush(); // the repeats' counts are written on the next tick or flush
        List<Incident> all = store.list(IncidentQuery.all());
        assertThat(all).hasSize(services);
        assertThat(all).extracting(Incident::fingerprint).doesNotHaveDuplicates();
        assertThat(all.stream().mapToLong(Incident::detectionCount).sum()).isEqualTo((long) feeders * perFeeder);
        assertThat(tracker.active()).containsExactlyInAnyOrderElementsOf(all);
        for (Incident incident : all) {
            assertThat(store.timeline(incident.id()).getFirst().type()).isEqualTo(TimelineEntry.Type.OPENED);
        }
    }

    @Test
    void activeIncidentsAreReadWithoutWaitingForAChangeInProgressAndAListenerSeesItsChange() throws Exception {
        ManualClock clock = ManualClock.create();
        Detections detections = new Detections(clock);
        IncidentTracker tracker = IncidentTracker.builder(new InMemoryIncidentStore()).clock(clock).build();
        Incident first = tracker.observe(detections.firing("db", "errors", Severity.HIGH)).orElseThrow();
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Incident>> seenByListener = new ArrayList<>();
        tracker.listen(event -> {
            if (event instanceof IncidentEvent.Opened) {
                seenByListener.add(tracker.active());
                inListener.countDown();
                try {
                    release.await(); // holds the tracker's lock meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Incident> opening = pool.submit(() -> tracker.observe(detections.firing("api", "latency", Severity.LOW))
                    .orElseThrow());
            assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();

            // Read from a third thread while the observing one holds the lock: it must not wait for it.
            List<Incident> duringChange = pool.submit(tracker::active).get(10, TimeUnit.SECONDS);
            assertThat(opening).isNotDone();
            release.countDown();
            Incident second = opening.get(10, TimeUnit.SECONDS);

            assertThat(duringChange).containsExactly(first, second);
            assertThat(seenByListener).containsExactly(List.of(first, second));
            assertThat(tracker.active()).containsExactly(first, second);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
