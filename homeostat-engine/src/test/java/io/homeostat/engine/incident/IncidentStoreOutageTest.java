package io.homeostat.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.StoreOutage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * While the store is unreachable, a detection still opens or joins its incident (in memory, heard
 * by listeners) and its writes wait; once the store is back, a tick writes them, in order, the
 * latest state of each incident. Nothing the detectors said during the outage is lost.
 */
class IncidentStoreOutageTest {

    private final ManualClock clock = ManualClock.create();
    private final Detections detections = new Detections(clock);
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final StoreOutage outage = new StoreOutage();
    private final IncidentTracker tracker = IncidentTracker.builder(outage.wrap(IncidentStore.class, store))
            .clock(clock).build();

    @Test
    void aDetectionMadeWhileTheStoreIsAwayIsKeptAndStoredWhenItIsBack() {
        List<IncidentEvent> heard = new ArrayList<>();
        tracker.listen(heard::add);
        outage.down(true);

        Incident opened = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        clock.advance(Duration.ofSeconds(1));
        tracker.observe(detections.firing("triage", "errors", Severity.CRITICAL));
        clock.advance(Duration.ofSeconds(1));
        tracker.escalate(opened.id(), "a person should look");
        tracker.tick(); // still away: the writes keep waiting

        assertThat(outage.refused()).isPositive();
        assertThat(tracker.active()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(opened.id());
            assertThat(i.detectionCount()).isEqualTo(2);
            assertThat(i.status()).isEqualTo(IncidentStatus.ESCALATED);
        });
        assertThat(heard).hasSize(3);
        assertThat(store.list(IncidentQuery.all())).isEmpty();
        assertThat(tracker.pendingWrites()).as("one save with the latest state, three timeline entries").isEqualTo(4);

        outage.down(false);
        tracker.tick();

        assertThat(tracker.pendingWrites()).isZero();
        assertThat(tracker.droppedWrites()).isZero();
        Incident stored = store.find(opened.id()).orElseThrow();
        assertThat(stored.detectionCount()).isEqualTo(2);
        assertThat(stored.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(stored.status()).isEqualTo(IncidentStatus.ESCALATED);
        assertThat(store.timeline(opened.id())).extracting(TimelineEntry::type).containsExactly(
                TimelineEntry.Type.OPENED, TimelineEntry.Type.DETECTION, TimelineEntry.Type.STATUS_CHANGED);
    }

    @Test
    void writesMadeAfterTheStoreIsBackFollowTheWaitingOnes() {
        outage.down(true);
        Incident opened = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        outage.down(false);
        clock.advance(IncidentTrackerConfig.DEFAULT_TRANSITION_INTERVAL);

        tracker.observe(detections.cleared("triage", "errors"));

        assertThat(tracker.pendingWrites()).isZero();
        assertThat(store.find(opened.id()).orElseThrow().detectionCount()).isEqualTo(2);
        assertThat(store.timeline(opened.id())).extracting(TimelineEntry::type)
                .containsExactly(TimelineEntry.Type.OPENED, TimelineEntry.Type.CLEARED);

        clock.advance(IncidentTrackerConfig.DEFAULT_HOLD_PERIOD);
        tracker.tick();
        assertThat(store.find(opened.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
    }
}
