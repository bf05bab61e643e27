package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.store.jdbc.CountedKey;
import io.homeostat.store.jdbc.FailureStatistics;
import io.homeostat.store.jdbc.MetricSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** By default the store keeps one raw metric sample per series per second, and every failure event. */
class RawSampleStorageTest {

    @TempDir
    Path data;

    private RunningServer running;

    @BeforeEach
    void start() {
        running = new RunningServer(data);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private int samples(String service) {
        return new MetricSeries(running.server.loop().store()).samples(service, "latency",
                RunningServer.START.minusSeconds(60), RunningServer.START.plusSeconds(60), MetricSeries.MAX_SAMPLES).size();
    }

    private long failures() {
        return new FailureStatistics(running.server.loop().store()).mostCommonTypes(RunningServer.START.minusSeconds(60),
                RunningServer.START.plusSeconds(60), 10).stream().mapToLong(CountedKey::count).sum();
    }

    private void publishBurst() {
        for (int i = 0; i < 100; i++) {
            running.server.loop().bus().publish(new MetricSample("payments", "latency", i, RunningServer.START, Map.of()));
            running.server.loop().bus().publish(new MetricSample("orders", "latency", i, RunningServer.START, Map.of()));
            running.server.loop().bus().publish(new FailureEvent("payments", ErrorCategory.TIMEOUT, "http.504", "slow " + i,
                    RunningServer.START, Map.of()));
        }
    }

    @Test
    void aBurstStoresOneSamplePerSeriesPerSecondAndEveryFailure() {
        publishBurst();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            running.server.loop().store().flush();
            return failures() == 100;
        });

        assertThat(samples("payments")).isEqualTo(1);
        assertThat(samples("orders")).isEqualTo(1);
        assertThat(running.server.loop().rawSamples().skipped()).isEqualTo(198);

        running.clock.advance(Duration.ofSeconds(1));
        publishBurst();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            running.server.loop().store().flush();
            return failures() == 200;
        });
        assertThat(samples("payments")).isEqualTo(2);
        assertThat(samples("orders")).isEqualTo(2);
    }
}
