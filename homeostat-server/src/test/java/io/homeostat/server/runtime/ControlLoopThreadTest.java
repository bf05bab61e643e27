package io.homeostat.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.store.jdbc.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop's tick waits for the store; it runs on a thread of its own, so a tick blocked in a
 * store call delays no other timer of the process. On the real clock: the point is threads.
 */
class ControlLoopThreadTest {

    @TempDir
    Path data;

    @Test
    void aTickBlockedInAStoreCallDoesNotDelayTheProcesssOtherTimers() throws InterruptedException {
        BlockingIncidentStore incidents = new BlockingIncidentStore();
        StoreConfig store = StoreConfig.defaults().withJdbc("jdbc:h2:file:" + data.resolve("homeostat"), "sa", "")
                .withSpool(data.resolve("spool"), StoreConfig.defaults().spoolMaxBytes());
        try (ControlLoop loop = ControlLoop.start(store, incidents, Scheduler.system())) {
            try {
                // The incident this opens cannot be saved at once; the next tick's retry blocks in the store.
                loop.bus().publish(new CircuitTransition("payments", CircuitState.CLOSED, CircuitState.OPEN,
                        "failure rate 80 %", new WindowSnapshot(10, 8, 0, 8), Clock.system().instant(), Map.of()));
                assertThat(incidents.entered.await(30, TimeUnit.SECONDS)).as("a tick reached the store").isTrue();

                CountDownLatch otherTimer = new CountDownLatch(1);
                Scheduler.system().schedule(Duration.ZERO, otherTimer::countDown);

                assertThat(otherTimer.await(10, TimeUnit.SECONDS))
                        .as("a timer of the shared scheduler ran while the tick was blocked on %s", incidents.blockedOn.get())
                        .isTrue();
                assertThat(incidents.blockedOn.get()).isEqualTo("homeostat-loop");
            } finally {
                incidents.release.countDown();
            }
        }
    }

    /** Refuses the first save (store unreachable), then blocks every save until released. */
    private static final class BlockingIncidentStore implements IncidentStore {

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<String> blockedOn = new AtomicReference<>("");
        private final AtomicBoolean refused = new AtomicBoolean();
        private final Map<String, Incident> incidents = new ConcurrentHashMap<>();
        private final Map<String, List<TimelineEntry>> timelines = new ConcurrentHashMap<>();

        @Override
        public void save(Incident incident) {
            if (refused.compareAndSet(false, true)) {
                throw new StoreUnavailableException("database away", null);
            }
            blockedOn.compareAndSet("", Thread.currentThread().getName());
            entered.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            incidents.put(incident.id(), incident);
        }

        @Override
        public void update(Incident incident) {
            incidents.put(incident.id(), incident);
        }

        @Override
        public void append(String incidentId, TimelineEntry entry) {
            timelines.computeIfAbsent(incidentId, id -> new ArrayList<>()).add(entry);
        }

        @Override
        public List<TimelineEntry> timeline(String incidentId) {
            return List.copyOf(timelines.getOrDefault(incidentId, List.of()));
        }

        @Override
        public Optional<Incident> find(String incidentId) {
            return Optional.ofNullable(incidents.get(incidentId));
        }

        @Override
        public Optional<Incident> findActiveByFingerprint(String fingerprint) {
            return incidents.values().stream().filter(i -> i.resolvedAt().isEmpty() && i.fingerprints().contains(fingerprint))
                    .max(Comparator.comparing(Incident::openedAt));
        }

        @Override
        public List<Incident> list(IncidentQuery query) {
            return incidents.values().stream().filter(query::matches)
                    .sorted(Comparator.comparing(Incident::openedAt).reversed()).limit(query.limit()).toList();
        }
    }
}
