package io.homeostat.engine.execute.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandActionTest {

    @TempDir
    Path dir;

    @Test
    void runsTheArgvAsGivenWithoutAShell() {
        Path marker = dir.resolve("marker");
        CommandAction action = new CommandAction(List.of(new AllowedCommand("echo",
                List.of("/bin/echo", "hello; touch " + marker), RiskLevel.MEDIUM, Duration.ofSeconds(10))));

        ActionResult result = action.run(Requests.on("orders", Map.of("command", "echo")));

        assertThat(result.undo().get("output")).isEqualTo("hello; touch " + marker);
        assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void aNonZeroExitFailsAndAnUnlistedCommandIsAnUnmetPrerequisite() {
        CommandAction action = new CommandAction(List.of(
                new AllowedCommand("fail", List.of("/bin/false"), RiskLevel.HIGH, Duration.ofSeconds(10))));

        assertThatThrownBy(() -> action.run(Requests.on("orders", Map.of("command", "fail"))))
                .isInstanceOf(ActionFailedException.class).hasMessageContaining("exited 1");
        assertThat(action.unmetPrerequisite(Requests.on("orders", Map.of("command", "rm -rf /")))).isPresent();
        assertThatThrownBy(() -> action.run(Requests.on("orders", Map.of("command", "rm -rf /"))))
                .isInstanceOf(ActionFailedException.class).hasMessageContaining("allow list");
        assertThat(action.risk(Map.of("command", "fail"))).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void passesTheIncidentInTheEnvironment() {
        CommandAction action = new CommandAction(List.of(new AllowedCommand("env",
                List.of("/usr/bin/printenv", "HOMEOSTAT_SERVICE", "HOMEOSTAT_INCIDENT"), RiskLevel.LOW, Duration.ofSeconds(10))));

        assertThat(action.run(Requests.on("orders", Map.of("command", "env"))).undo().get("output"))
                .isEqualTo("orders\ninc-1");
    }
}
