package io.homeostat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.server.RunningServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code homeostat config show} and {@code homeostat config reload} against a server on loopback. */
class ConfigCommandTest {

    private static final String RULES = """
            detection:
              threshold:
                - {name: queue-depth, metric: queue.depth, op: ">", threshold: 100, category: resource}
            flags:
              previews: {enabled: true, on_through: reduced}
            """;

    @RegisterExtension
    final RunningServer running = RunningServer.withConfig(RULES);

    private final Path file = running.data.resolve("homeostat.yaml");
    private final CommandLines cli = new CommandLines(Map.of());

    private String url() {
        return "--url=http://127.0.0.1:" + running.server.port();
    }

    @Test
    void showPrintsTheRulesWorkflowsAndFlagsInEffect() throws Exception {
        assertThat(cli.run("config", url(), "--token", running.viewer)).isZero();
        assertThat(cli.out.toString()).contains("file        " + file, "from file   detection.threshold, flags",
                "threshold   queue-depth", "trend       memory, response time", "flags       previews through reduced",
                "incidents   resolve after 5m quiet, correlate within 5m, flapping after 3 resolutions in 1h",
                "alerting    to log; receivers log (log); on call nobody", "redis       -");
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("config", "show", url(), "--token", running.viewer, "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out.toString());
        assertThat(json.path("configuration").path("thresholdRules").get(0).path("threshold").asDouble()).isEqualTo(100);
    }

    @Test
    void reloadAppliesTheEditedFileAndSaysWhatChanged() throws IOException {
        Files.writeString(file, RULES.replace("threshold: 100", "threshold: 5").replace("enabled: true", "enabled: false"));

        assertThat(cli.run("config", "reload", url(), "--token", running.admin)).as(cli.err.toString()).isZero();

        assertThat(cli.out.toString().strip())
                .isEqualTo("reloaded " + file + ": threshold rules: ~queue-depth; flags: ~previews");
        assertThat(running.server.loop().toggles().isEnabled("previews")).isFalse();
    }

    @Test
    void aRefusedReloadExitsOneWithTheServersReason() throws IOException {
        Files.writeString(file, RULES.replace("threshold: 100", "threshold: lots"));

        assertThat(cli.run("config", "reload", url(), "--token", running.admin)).isEqualTo(1);
        assertThat(cli.err.toString()).contains("homeostat config: server answered 400: homeostat.yaml:3:",
                "detection.threshold[0].threshold: must be a number", "(nothing was changed)");
        assertThat(cli.run("config", "reload", url(), "--token", running.operator)).isEqualTo(1);
        assertThat(cli.err.toString()).contains("403");
        assertThat(cli.run("config", "rewind", url(), "--token", running.admin)).isEqualTo(2);
        assertThat(running.server.config().current().thresholdRules().getFirst().threshold()).isEqualTo(100);
    }
}
