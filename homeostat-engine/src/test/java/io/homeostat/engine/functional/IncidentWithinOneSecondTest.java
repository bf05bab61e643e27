package io.homeostat.engine.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.homeostat.core.Guard;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.DetectorChain;
import io.homeostat.engine.detect.DetectorChainBuilder;
import io.homeostat.engine.detect.series.OperationSampler;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's measured promises end to end, on simulated time: the monitor half of the loop as the
 * product wires it (guard -> bus -> operation sampler -> standard detector chain -> incident
 * tracker), with nothing stubbed but the clock.
 */
class IncidentWithinOneSecondTest {

    private final ManualClock clock = ManualClock.create();
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final IncidentTracker tracker = IncidentTracker.builder(store).clock(clock).build();
    private final DetectorChain chain = DetectorChainBuilder.standard(clock, baseline -> {}).build();
    private final List<Incident> opened = new ArrayList<>();

    @Test
    void anErrorBurstAt100CallsPerSecondOpensAnIncidentWithinOneSecond() throws Exception {
        Guard guard = Guard.builder("llm:openai").clock(clock).build();
        tracker.listen(event -> {
            if (event instanceof IncidentEvent.Opened o) {
                opened.add(o.incident());
            }
        });
        Instant burstStart = null;
        try (InProcessSignalBus bus = InProcessSignalBus.manual();
                OperationSampler sampler = OperationSampler.create(() -> List.of(guard), bus, clock.scheduler())) {
            chain.attach(bus, tracker::observe);
            sampler.start();
            for (int call = 0; call < 100 * 40; call++) {          // 40 s at 100 calls/s
                // A 5 s burst, one call in three failing, starting right on a sampling tick: the worst
                // phase, since the tick that closes the first failing second is a whole period away.
                boolean inBurst = call >= 100 * 20 && call < 100 * 25;
                if (call == 100 * 20) {
                    burstStart = clock.instant();
                }
                boolean fail = inBurst && call % 3 == 0;
                catchThrowable(() -> guard.call(() -> {
                    clock.advanceMillis(3);
                    if (fail) {
                        throw new java.net.SocketTimeoutException("read timed out");
                    }
                    return "ok";
                }));
                clock.advanceMillis(7);
                bus.drain();
                if (!opened.isEmpty() && call > 100 * 26) {
                    break;
                }
            }
        }

        assertThat(opened).as("exactly one incident for one burst").hasSize(1);
        Incident incident = opened.getFirst();
        assertThat(incident.services()).containsExactly("llm:openai");
        assertThat(Duration.between(burstStart, incident.openedAt()))
                .as("time from the burst's first failure to the incident")
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(store.timeline(incident.id())).isNotEmpty();
    }

    @Test
    void aSlowHeapLeakOpensAPredictionIncidentBeforeTheHeapCrossesItsThreshold() {
        Random random = new Random(7);
        List<Detection> detections = new ArrayList<>();
        Instant crossedThreshold = null;
        Instant start = clock.instant();
        try (InProcessSignalBus bus = InProcessSignalBus.manual()) {
            chain.attach(bus, detection -> {
                detections.add(detection);
                tracker.observe(detection);
            });
            // 50 % heap leaking 0.3 points a minute, with noise, sampled every 5 s for up to 2 h.
            for (int step = 0; step < 12 * 120 && crossedThreshold == null; step++) {
                double minutes = Duration.between(start, clock.instant()).toSeconds() / 60.0;
                double heap = Math.min(0.99, 0.50 + 0.003 * minutes + 0.01 * random.nextGaussian());
                bus.publish(new MetricSample("orders", "heap.used.ratio", heap, clock.instant(), Map.of()));
                bus.drain();
                if (heap > 0.85) {
                    crossedThreshold = clock.instant();
                }
                clock.advance(Duration.ofSeconds(5));
            }
        }

        assertThat(crossedThreshold).as("the leak reached the threshold within the run").isNotNull();
        Detection prediction = detections.stream()
                .filter(d -> d.kind() == Detection.Kind.PREDICTION && d.firing())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no prediction in " + detections));
        assertThat(prediction.time()).isBefore(crossedThreshold);
        assertThat(prediction.summary()).contains("memory").contains("90");
        Incident incident = tracker.activeByFingerprint(prediction.fingerprintKey()).orElseThrow();
        assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incident.openedAt()).isBefore(crossedThreshold);
    }
}
