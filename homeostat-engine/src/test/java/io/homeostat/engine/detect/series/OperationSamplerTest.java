package io.homeostat.engine.detect.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.homeostat.core.Guard;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperationSamplerTest {

    private final ManualClock clock = ManualClock.create();
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final List<Signal> received = new CopyOnWriteArrayList<>();
    private final Guard guard = Guard.builder("db").clock(clock).build();
    private final List<Guard> guards = new ArrayList<>(List.of(guard));
    private final OperationSampler sampler = OperationSampler.create(() -> guards, bus, clock.scheduler());

    OperationSamplerTest() {
        bus.subscribe(received::addAll);
    }

    @AfterEach
    void close() {
        sampler.close();
        bus.close();
    }

    /** 100 calls in the next second, 4 ms each, the first {@code failures} of them failing. */
    private void oneSecondOfCalls(int failures) {
        for (int i = 0; i < 100; i++) {
            boolean fail = i < failures;
            catchThrowable(() -> guard.call(() -> {
                clock.advanceMillis(4);
                if (fail) {
                    throw new IllegalStateException("boom");
                }
                return "ok";
            }));
            clock.advanceMillis(6);
        }
    }

    private List<Double> values(String metric) {
        bus.drain();
        return received.stream().map(MetricSample.class::cast).filter(s -> s.metric().equals(metric))
                .map(MetricSample::value).toList();
    }

    @Test
    void publishesTheErrorRateOfEachPeriodFromTheRecorder() {
        sampler.start();

        oneSecondOfCalls(0);
        oneSecondOfCalls(0);
        oneSecondOfCalls(10);
        oneSecondOfCalls(0);

        // The first round only sets the starting totals.
        assertThat(values(OperationSampler.ERROR_RATE)).containsExactly(0.0, 0.10, 0.0);
        assertThat(values(OperationSampler.CALLS_RATE)).containsExactly(100.0, 100.0, 100.0);
        assertThat(values(OperationSampler.REJECTED_RATE)).containsExactly(0.0, 0.0, 0.0);
        assertThat(received).allSatisfy(s -> assertThat(s.service()).isEqualTo("db"));
    }

    @Test
    void publishesLatencyPercentilesInMilliseconds() {
        sampler.start();

        oneSecondOfCalls(0);

        assertThat(values(OperationSampler.LATENCY_P95)).singleElement()
                .satisfies(p95 -> assertThat(p95).isBetween(4 * 0.875, 4 * 1.125));
        assertThat(values(OperationSampler.LATENCY_P50)).hasSize(1);
        assertThat(values(OperationSampler.LATENCY_P99)).hasSize(1);
        assertThat(received.getFirst().time()).isEqualTo(clock.instant());
    }

    @Test
    void aPeriodWithoutAttemptsHasNoErrorRate() {
        sampler.start();
        oneSecondOfCalls(0);
        oneSecondOfCalls(50);

        clock.advance(Duration.ofSeconds(1));

        assertThat(values(OperationSampler.ERROR_RATE)).containsExactly(0.5);
        assertThat(values(OperationSampler.CALLS_RATE)).containsExactly(100.0, 0.0);
    }

    @Test
    void forgetsGuardsThatAreGoneAndStopsWhenClosed() {
        oneSecondOfCalls(0);
        assertThat(sampler.sampleNow()).isEqualTo(3);
        oneSecondOfCalls(0);
        assertThat(sampler.sampleNow()).isEqualTo(6);

        guards.clear();
        assertThat(sampler.sampleNow()).isZero();
        guards.add(guard);
        // Back again: its totals start over, so only the window's latencies are published.
        assertThat(sampler.sampleNow()).isEqualTo(3);

        sampler.start();
        sampler.close();
        clock.advance(Duration.ofSeconds(5));
        assertThat(clock.pendingTasks()).isZero();
    }
}
