package io.homeostat.engine.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.homeostat.core.Guard;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.DetectorChain;
import io.homeostat.engine.detect.DetectorChainBuilder;
import io.homeostat.engine.detect.series.OperationSampler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's detection time: 100 operations a second through a guard, an error burst, and the
 * standard chain fed by the operation sampler; simulated time.
 */
class ErrorBurstDetectionTest {

    @Test
    void anErrorBurstIsDetectedWithinOneSecondOfItsStart() throws Exception {
        ManualClock clock = ManualClock.create();
        Guard guard = Guard.builder("payments").clock(clock).build();
        List<Detection> detections = new ArrayList<>();
        DetectorChain chain = DetectorChainBuilder.standard(clock, baseline -> {}).build();
        try (InProcessSignalBus bus = InProcessSignalBus.manual();
                OperationSampler sampler = OperationSampler.create(() -> List.of(guard), bus, clock.scheduler())) {
            chain.attach(bus, detections::add);
            sampler.start();
            Instant burstStart = null;
            for (int call = 0; call < 100 * 60; call++) {
                boolean fail = call >= 100 * 30 && call < 100 * 35 && call % 2 == 0;
                if (call == 100 * 30) {
                    burstStart = clock.instant();
                }
                catchThrowable(() -> guard.call(() -> {
                    clock.advanceMillis(4);
                    if (fail) {
                        throw new IllegalStateException("card processor down");
                    }
                    return "ok";
                }));
                clock.advanceMillis(6);
                bus.drain();
            }

            List<Detection> errorRate = detections.stream().filter(d -> d.signature().equals("error-rate")).toList();
            assertThat(errorRate).extracting(Detection::status)
                    .containsExactly(Detection.Status.FIRING, Detection.Status.CLEARED);
            Detection firing = errorRate.getFirst();
            assertThat(Duration.between(burstStart, firing.time())).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(firing.service()).isEqualTo("payments");
            assertThat(firing.evidence()).containsEntry("value", "0.5");
        }
    }
}
