package io.homeostat.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.StoreRefusedException;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLDataException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A store that answers and refuses an incident (a value too long for its column): the refused
 * incident's writes are dropped and counted, and the other incidents' writes go on. Were the
 * refusal taken for an outage, every later write would wait behind it for ever.
 */
class IncidentStoreRefusalTest {

    private final ManualClock clock = ManualClock.create();
    private final Detections detections = new Detections(clock);
    private final InMemoryIncidentStore memory = new InMemoryIncidentStore();
    private final AtomicInteger refusals = new AtomicInteger();
    private final IncidentTracker tracker = IncidentTracker.builder(refusing("unstorable", memory))
            .clock(clock).build();

    @Test
    void aRefusedIncidentIsDroppedAndTheOthersAreStillWritten() {
        Incident refused = tracker.observe(detections.firing("unstorable", "errors", Severity.HIGH)).orElseThrow();
        clock.advance(IncidentTrackerConfig.DEFAULT_TRANSITION_INTERVAL);
        tracker.observe(detections.cleared("unstorable", "errors"));
        clock.advance(Duration.ofMinutes(5)); // out of the correlation window: a new incident
        Incident other = tracker.observe(detections.firing("billing", "latency", Severity.HIGH)).orElseThrow();
        tracker.tick();

        assertThat(refusals).hasValue(1);
        assertThat(tracker.pendingWrites()).as("nothing waits behind the refused incident").isZero();
        assertThat(tracker.droppedWrites()).as("its save, its opening entry and what followed").isGreaterThanOrEqualTo(3);
        assertThat(memory.find(refused.id())).isEmpty();
        assertThat(memory.find(other.id())).isPresent();
        assertThat(memory.timeline(other.id())).extracting(TimelineEntry::type).containsExactly(TimelineEntry.Type.OPENED);
    }

    /** {@code delegate}, refusing to save an incident of {@code service} as a database refuses a value too long. */
    private IncidentStore refusing(String service, IncidentStore delegate) {
        return (IncidentStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {IncidentStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("save") && ((Incident) args[0]).services().contains(service)) {
                        refusals.incrementAndGet();
                        throw new StoreRefusedException("refused", new SQLDataException("value too long", "22001"));
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
