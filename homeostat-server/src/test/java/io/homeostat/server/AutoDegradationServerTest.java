package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.HealthReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server degrades itself from the health reports it receives, by its policy (default or homeostat.yaml's). */
class AutoDegradationServerTest {

    @TempDir
    Path data;

    /** Health reports of four checks, {@code failing} of them unhealthy, into the server's bus. */
    private static void report(RunningServer running, int failing) {
        for (int i = 0; i < 4; i++) {
            running.server.loop().bus().publish(new HealthReport("orders", "check-" + i,
                    i < failing ? HealthStatus.UNHEALTHY : HealthStatus.HEALTHY, Duration.ofMillis(2), Map.of(),
                    running.clock.instant(), Map.of()));
        }
    }

    /** Moves the clock {@code step} at a time until the API shows {@code level}. */
    private static void awaitLevel(RunningServer running, String level, Duration step) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            running.clock.advance(step);
            assertThat(running.get("/api/v1/degradation", running.viewer).json().path("level").asText()).isEqualTo(level);
        });
    }

    @Test
    void failingHealthChecksStepTheLevelDownAndHealthyOnesBackUpByTheDefaultPolicy() {
        try (RunningServer running = new RunningServer(data)) {
            running.clock.advance(Duration.ofSeconds(5));
            assertThat(running.get("/api/v1/degradation", running.viewer).json().path("level").asText()).isEqualTo("FULL");

            report(running, 2); // score 0.5: below essential's 0.6
            awaitLevel(running, "ESSENTIAL", Duration.ofSeconds(1));
            assertThat(running.get("/api/v1/audit?action=recovery.degradation.stepped-down", running.viewer).json().path("records"))
                    .isNotEmpty();

            report(running, 0); // score 1: above both recover_above, one level per 2 min hold
            running.clock.advance(Duration.ofSeconds(30));
            assertThat(running.server.loop().degradation().level()).isEqualTo(DegradationLevel.ESSENTIAL);
            awaitLevel(running, "REDUCED", Duration.ofSeconds(10));
            awaitLevel(running, "FULL", Duration.ofSeconds(10));
            assertThat(running.get("/api/v1/audit?action=recovery.degradation.stepped-up", running.viewer).json()
                    .path("records")).hasSize(2);
        }
    }

    @Test
    void homeostatYamlSetsThePolicy() throws IOException {
        Path file = Files.writeString(data.resolve("homeostat.yaml"), """
                degradation:
                  max_level: reduced
                  levels:
                    - {level: reduced, below: 0.9, recover_above: 0.95}
                """);
        ServerConfig config = ServerConfigFile.apply(file,
                ServerConfig.defaults().withAddress("127.0.0.1", 0).withDataDirectory(data));
        try (RunningServer running = new RunningServer(data, config)) {
            report(running, 1); // score 0.75: the default policy would take essential (capped there); this one caps at reduced
            awaitLevel(running, "REDUCED", Duration.ofSeconds(1));
            running.clock.advance(Duration.ofSeconds(5));
            assertThat(running.server.loop().degradation().level()).isEqualTo(DegradationLevel.REDUCED);
            assertThat(running.server.loop().engine().degradation().orElseThrow().policy().levels()).hasSize(1);
        }
    }

    @Test
    void aBadDegradationSectionIsNamedWithFileLineAndKey() throws IOException {
        Path file = Files.writeString(data.resolve("homeostat.yaml"), """
                server:
                  port: 9090
                degradation:
                  levels:
                    - {level: reduced, below: 0.8, recover_above: 0.7}
                """);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerConfigFile.apply(file, ServerConfig.defaults()))
                .isInstanceOf(io.homeostat.engine.config.ConfigException.class)
                .hasMessageContaining("homeostat.yaml").hasMessageContaining(":5").hasMessageContaining("levels");
        Path unknown = Files.writeString(data.resolve("homeostat.yaml"), "degradation:\n  hold: 1m\n  hodl: 2m\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerConfigFile.apply(unknown, ServerConfig.defaults()))
                .isInstanceOf(io.homeostat.engine.config.ConfigException.class).hasMessageContaining("hodl")
                .hasMessageContaining(":3");
        assertThat(List.of(ServerConfig.defaults().degradation().maxLevel())).containsExactly(DegradationLevel.ESSENTIAL);
    }
}
