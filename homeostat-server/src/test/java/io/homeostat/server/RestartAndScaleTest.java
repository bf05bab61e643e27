package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.control.ControlledCapacity;
import io.homeostat.core.control.Restartable;
import io.homeostat.server.runtime.LoopOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedding application registers a restartable component and a capacity through
 * {@link LoopOptions}; a manually triggered memory-leak run scales the capacity and restarts the
 * component (the first alternative of each step, before the allow-listed commands).
 */
class RestartAndScaleTest {

    @TempDir
    Path data;

    @Test
    void aManualRunReachesTheRegisteredCapacityAndRestartable() {
        AtomicInteger instances = new AtomicInteger(2);
        List<String> restarts = new CopyOnWriteArrayList<>();
        Restartable orders = (drain, reason) -> {
            restarts.add(drain + " " + reason);
            return "drained, restarted";
        };
        LoopOptions options = LoopOptions.defaults()
                .withCapacity("orders", ControlledCapacity.of(1, 4, instances::get, instances::set))
                .withRestartable("orders", orders);
        try (RunningServer running = new RunningServer(data, options)) {
            RunningServer.Answer started = running.post("/api/v1/workflows/memory-leak/runs", running.operator,
                    "{\"service\":\"orders\",\"reason\":\"heap climbing since the deploy\"}");
            assertThat(started.status()).as(started.text()).isEqualTo(201);
            String runId = started.json().path("runId").asText();

            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
                running.clock.advance(Duration.ofSeconds(5));
                return !restarts.isEmpty();
            });
            assertThat(instances.get()).isEqualTo(3);
            assertThat(restarts).hasSize(1);
            assertThat(restarts.get(0)).startsWith("PT30S recovery ");
            assertThat(running.get("/api/v1/approvals", running.viewer).json().path("approvals")).isEmpty();

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                running.clock.advance(Duration.ofSeconds(1));
                JsonNode steps = running.get("/api/v1/audit?action=recovery.step.acted", running.viewer).json()
                        .path("records");
                assertThat(steps.findValuesAsText("reason").toString()).contains("drained, restarted");
            });
            assertThat(runId).isNotBlank();
        }
    }
}
