package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.degrade.FeatureToggles;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowStep;
import io.homeostat.server.runtime.Reconfigurer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload over real loopback HTTP: the server runs the rules, workflows and flags of the
 * homeostat.yaml it was started with; {@code POST /api/v1/config/reload} swaps in the edited file
 * while open incidents, breakers, baselines and runs under way go on; an invalid file changes
 * nothing; only an admin may reload.
 */
class ConfigReloadTest {

    private static final String FIRST = """
            server:
              port: 0
            detection:
              threshold:
                - {name: error-rate, metric: error.rate, op: ">", threshold: 0.05, clear: 0.025, severity: high, category: errors}
                - {name: queue-depth, metric: queue.depth, op: ">", threshold: 100, severity: medium, category: resource}
            workflows:
              - name: page-people
                trigger: [manual, error_threshold]
                steps:
                  - {name: tell, action: alert, params: {message: "look at ${service}"}}
              - name: slow-heal
                trigger: [manual]
                steps:
                  - name: tell-and-wait
                    action: alert
                    params: {message: "healing ${service}"}
                    success: [{metric: error_rate, below: 0.01, for: 30s}]
                    timeout: 10m
                  - {name: after, action: alert, params: {message: "done"}}
            flags:
              recommendations: true
              previews: {enabled: true, on_through: reduced}
            """;

    /** FIRST with queue-depth at 10, page-people with a second step, slow-heal with one step, previews off. */
    private static final String SECOND = """
            server:
              port: 0
            detection:
              threshold:
                - {name: error-rate, metric: error.rate, op: ">", threshold: 0.05, clear: 0.025, severity: high, category: errors}
                - {name: queue-depth, metric: queue.depth, op: ">", threshold: 10, severity: medium, category: resource}
            workflows:
              - name: page-people
                trigger: [manual, error_threshold]
                steps:
                  - {name: tell, action: alert, params: {message: "look at ${service}"}}
                  - {name: tell-again, action: alert, params: {message: "still looking at ${service}"}}
              - name: slow-heal
                trigger: [manual]
                steps:
                  - {name: tell-and-wait, action: alert, params: {message: "healing ${service}"}}
            flags:
              recommendations: true
              previews: {enabled: false, on_through: reduced}
            """;

    @TempDir
    Path data;

    private Path file() {
        return data.resolve("homeostat.yaml");
    }

    private static void publish(RunningServer running, String service, String metric, double value) {
        running.server.loop().bus().publish(new MetricSample(service, metric, value, running.clock.instant(), Map.of()));
    }

    /**
     * Publishes an error rate that opens an incident on {@code sentinel} and waits for it: the bus
     * delivers in order, so every signal published before has been through detection.
     */
    private static void drain(RunningServer running, String sentinel) {
        publish(running, sentinel, "error.rate", 0.4);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> activeServices(running).contains(sentinel));
    }

    private static List<String> activeServices(RunningServer running) {
        return running.server.loop().tracker().active().stream().flatMap(i -> i.services().stream()).toList();
    }

    @Test
    void aReloadSwapsRulesWorkflowsAndFlagsAndKeepsIncidentsBreakersAndRunsUnderWay() throws IOException {
        Files.writeString(file(), FIRST);
        try (RunningServer running = RunningServer.withConfigFile(data, file())) {
            // State before the reload: an open incident, an open breaker, a run under way, a baseline.
            publish(running, "orders", "error.rate", 0.4);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> activeServices(running).contains("orders"));
            Incident incident = running.server.loop().tracker().active().getFirst();
            running.server.loop().guards().replace("db:primary",
                    GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build())
                    .circuitBreaker().orElseThrow().forceOpen("test");
            RunningServer.Answer started = running.post("/api/v1/workflows/slow-heal/runs", running.operator,
                    "{\"service\":\"inventory\",\"reason\":\"test\"}");
            assertThat(started.status()).as(started.text()).isEqualTo(201);
            String runId = started.json().path("runId").asText();
            Workflow slowHealBefore = running.server.loop().workflows().find("slow-heal").orElseThrow();
            publish(running, "billing", "queue.depth", 50);
            drain(running, "sentinel-1");
            assertThat(activeServices(running)).as("50 is below the first file's 100").doesNotContain("billing");
            int series = running.server.loop().chain().series();
            assertThat(running.server.loop().toggles().isEnabled("previews")).isTrue();

            Files.writeString(file(), SECOND);
            RunningServer.Answer reload = running.post("/api/v1/config/reload", running.admin, "");

            assertThat(reload.status()).as(reload.text()).isEqualTo(200);
            JsonNode changes = reload.json().path("changes");
            assertThat(changes.path("thresholdRules").path("changed").get(0).asText()).isEqualTo("queue-depth");
            assertThat(changes.path("thresholdRules").path("added")).isEmpty();
            assertThat(changes.path("workflows").path("changed").toString()).isEqualTo("[\"page-people\",\"slow-heal\"]");
            assertThat(changes.path("flags").path("changed").toString()).isEqualTo("[\"previews\"]");
            assertThat(reload.json().path("runsOnFormerWorkflow").toString()).isEqualTo("[\"" + runId + "\"]");
            assertThat(reload.json().path("restartRequired")).isEmpty();

            // What was there before is still there.
            assertThat(running.server.loop().tracker().active()).extracting(Incident::id).contains(incident.id());
            assertThat(running.server.loop().guards().find("db:primary").orElseThrow().circuitBreaker().orElseThrow()
                    .state()).isEqualTo(CircuitState.FORCED_OPEN);
            // The new threshold fires on the next sample; the chain kept its series (baselines, rule states).
            publish(running, "billing", "queue.depth", 50);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> activeServices(running).contains("billing"));
            assertThat(running.server.loop().chain().series()).isGreaterThanOrEqualTo(series);
            // The flag the file turned off is off, the one it did not change is untouched.
            JsonNode flags = running.get("/api/v1/flags", running.viewer).json().path("features");
            assertThat(flags.path("previews").path("enabled").asBoolean()).isFalse();
            assertThat(flags.path("previews").path("override").path("reason").asText()).isEqualTo(Reconfigurer.FILE_REASON);
            assertThat(flags.path("recommendations").path("enabled").asBoolean()).isTrue();
            // A new run uses the new page-people; the run under way keeps its slow-heal.
            RunningServer.Answer next = running.post("/api/v1/workflows/page-people/runs", running.operator,
                    "{\"incident\":\"" + incident.id() + "\",\"reason\":\"test\"}");
            assertThat(next.status()).as(next.text()).isEqualTo(201);
            assertThat(running.server.loop().recovery().steps(next.json().path("runId").asText()))
                    .extracting(r -> r.step()).contains("tell", "tell-again");
            assertThat(running.server.loop().recovery().workflowOf(
                    running.server.loop().recovery().run(runId).orElseThrow())).contains(slowHealBefore);
            assertThat(running.server.loop().workflows().find("slow-heal").orElseThrow().steps())
                    .extracting(WorkflowStep::name).containsExactly("tell-and-wait");
            assertThat(running.server.loop().recovery().run(runId).orElseThrow().phase().active()).isTrue();
            // Audited with the admin and what changed.
            JsonNode records = running.get("/api/v1/audit?action=api.config.reload", running.viewer).json().path("records");
            assertThat(records).hasSize(1);
            assertThat(records.get(0).path("actor").asText()).isEqualTo("token:admin");
            assertThat(records.get(0).path("reason").asText())
                    .contains("threshold rules: ~queue-depth", "workflows: ~page-people ~slow-heal", "flags: ~previews");
            // The configuration in effect shows the new rule.
            JsonNode shown = running.get("/api/v1/config", running.viewer).json().path("configuration");
            assertThat(shown.path("path").asText()).isEqualTo(file().toString());
            assertThat(shown.path("thresholdRules").get(1).path("threshold").asDouble()).isEqualTo(10);
        }
    }

    @Test
    void anInvalidFileIsRefusedWithItsLineAndKeyAndChangesNothing() throws IOException {
        Files.writeString(file(), FIRST);
        try (RunningServer running = RunningServer.withConfigFile(data, file())) {
            Files.writeString(file(), SECOND.replace("threshold: 10, severity: medium",
                    "threshold: 10, for: soon, severity: medium"));

            RunningServer.Answer reload = running.post("/api/v1/config/reload", running.admin, "");

            assertThat(reload.status()).isEqualTo(400);
            assertThat(reload.json().path("error").asText())
                    .startsWith("homeostat.yaml:6:")
                    .contains("detection.threshold[1].for: must be a duration")
                    .endsWith("(nothing was changed)");
            assertThat(reload.json().path("field").asText()).isEqualTo("detection.threshold[1].for");
            publish(running, "billing", "queue.depth", 50);
            drain(running, "sentinel-1");
            assertThat(activeServices(running)).doesNotContain("billing");
            assertThat(running.server.loop().workflows().find("page-people").orElseThrow().steps()).hasSize(1);
            assertThat(running.server.loop().toggles().isEnabled("previews")).isTrue();
            assertThat(running.server.config().current().thresholdRules().get(1).threshold()).isEqualTo(100);
            JsonNode refused = running.get("/api/v1/audit?action=api.config.reload.refused", running.viewer).json()
                    .path("records");
            assertThat(refused).hasSize(1);
            assertThat(refused.get(0).path("reason").asText()).contains("detection.threshold[1].for");

            Files.writeString(file(), SECOND.replace("action: alert, params: {message: \"still", "action: teleport, params: {message: \"still"));
            RunningServer.Answer unknownAction = running.post("/api/v1/config/reload", running.admin, "");
            assertThat(unknownAction.status()).isEqualTo(400);
            assertThat(unknownAction.json().path("error").asText())
                    .contains("workflows[0].steps[1].action: unknown action 'teleport'");
            assertThat(running.server.loop().workflows().find("page-people").orElseThrow().steps()).hasSize(1);
        }
    }

    @Test
    void aFileGivenByARelativePathIsNamedByItsAbsolutePath() throws IOException {
        Files.writeString(file(), FIRST);
        Path relative = Path.of("").toAbsolutePath().relativize(file());
        try (RunningServer running = RunningServer.withConfigFile(data, relative)) {
            assertThat(running.get("/api/v1/config", running.viewer).json().path("configuration").path("path").asText())
                    .isEqualTo(file().toString());
            assertThat(running.post("/api/v1/config/reload", running.admin, "").json().path("file").asText())
                    .isEqualTo(file().toString());
        }
    }

    @Test
    void settingsThatNeedARestartAreReportedNotIgnored() throws IOException {
        Files.writeString(file(), FIRST + "incidents:\n  hold: 40s\n  flap_threshold: 2\n");
        try (RunningServer running = RunningServer.withConfigFile(data, file(), fromFile -> fromFile.withDataDirectory(data))) {
            IncidentTrackerConfig tracking = running.server.loop().tracker().config();
            assertThat(tracking.holdPeriod()).isEqualTo(Duration.ofSeconds(40));
            assertThat(tracking.flapThreshold()).isEqualTo(2);
            assertThat(tracking.correlationWindow()).isEqualTo(IncidentTrackerConfig.DEFAULT_CORRELATION_WINDOW);
            JsonNode shown = running.get("/api/v1/config", running.viewer).json().path("loop").path("incidents");
            assertThat(shown.path("hold").asText()).isEqualTo("PT40S");
            assertThat(shown.path("flapThreshold").asInt()).isEqualTo(2);
            Files.writeString(file(), FIRST.replace("port: 0", "port: 9999") + "retention:\n  raw_days: 3\n"
                    + "incidents:\n  hold: 1m\n  flap_threshold: 2\n");

            RunningServer.Answer reload = running.post("/api/v1/config/reload", running.admin, "");

            assertThat(reload.status()).isEqualTo(200);
            assertThat(reload.json().path("restartRequired").toString())
                    .isEqualTo("[\"incidents\",\"retention\",\"server.port\"]");
            assertThat(reload.json().path("summary").asText())
                    .isEqualTo("no changes; restart required for incidents, retention, server.port");
            assertThat(running.server.loop().tracker().config().holdPeriod()).isEqualTo(Duration.ofSeconds(40));
        }
    }

    @Test
    void settingsTheCommandLineOverridesNeedNoRestartWhenTheFileChangesThem() throws IOException {
        Files.writeString(file(), FIRST);
        // as `homeostat server --config file --port 0 --data <data>`: the options win over the file
        try (RunningServer running = RunningServer.withConfigFile(data, file(),
                fromFile -> fromFile.withAddress(fromFile.host(), 0).withDataDirectory(data))) {
            Files.writeString(file(), FIRST.replace("  port: 0", "  port: 18199\n  data: /elsewhere"));

            RunningServer.Answer reload = running.post("/api/v1/config/reload", running.admin, "");

            assertThat(reload.status()).isEqualTo(200);
            assertThat(reload.json().path("restartRequired").toString()).isEqualTo("[]");
            assertThat(reload.json().path("summary").asText()).isEqualTo("no changes");

            // a setting no option overrides still needs a restart when the file changes it
            Files.writeString(file(), FIRST.replace("  port: 0", "  port: 18199\n  host: 127.0.0.2"));
            assertThat(running.post("/api/v1/config/reload", running.admin, "").json().path("restartRequired").toString())
                    .isEqualTo("[\"server.host\"]");
        }
    }

    @Test
    void aPersonsOverrideOutlivesAReloadThatOnlyMovesTheLevelOfAFlagTheFileKeepsOff() throws IOException {
        Files.writeString(file(), SECOND);
        try (RunningServer running = RunningServer.withConfigFile(data, file())) {
            FeatureToggles toggles = running.server.loop().toggles();
            assertThat(toggles.override("previews").orElseThrow().reason()).isEqualTo(Reconfigurer.FILE_REASON);
            toggles.forceOn("previews", "operator: needed for the release check");
            Files.writeString(file(), SECOND.replace("previews: {enabled: false, on_through: reduced}",
                    "previews: {enabled: false, on_through: essential}"));

            assertThat(running.post("/api/v1/config/reload", running.admin, "").status()).isEqualTo(200);

            assertThat(toggles.override("previews").orElseThrow().reason())
                    .isEqualTo("operator: needed for the release check");
            assertThat(toggles.isEnabled("previews")).isTrue();
        }
    }

    @Test
    void onlyAnAdminMayReload() throws IOException {
        Files.writeString(file(), FIRST);
        try (RunningServer running = RunningServer.withConfigFile(data, file())) {
            Files.writeString(file(), SECOND);

            assertThat(running.post("/api/v1/config/reload", running.viewer, "").status()).isEqualTo(403);
            assertThat(running.post("/api/v1/config/reload", running.operator, "").status()).isEqualTo(403);
            assertThat(running.post("/api/v1/config/reload", null, "").status()).isEqualTo(401);

            assertThat(running.server.config().current().thresholdRules().get(1).threshold()).isEqualTo(100);
            assertThat(running.get("/api/v1/audit?action=api.config.reload", running.viewer).json().path("records")).isEmpty();
        }
    }

    @Test
    void aServerStartedWithoutAFileHasNothingToReload() {
        try (RunningServer running = new RunningServer(data)) {
            RunningServer.Answer reload = running.post("/api/v1/config/reload", running.admin, "");

            assertThat(reload.status()).isEqualTo(409);
            assertThat(reload.json().path("error").asText()).contains("--config");
            JsonNode refused = running.get("/api/v1/audit?action=api.config.reload.refused", running.viewer).json()
                    .path("records");
            assertThat(refused).as("every refused reload is audited").hasSize(1);
            assertThat(refused.get(0).path("actor").asText()).isEqualTo("token:admin");
            assertThat(refused.get(0).path("target").asText()).isEqualTo("homeostat.yaml");
            assertThat(refused.get(0).path("reason").asText()).contains("--config");
        }
    }
}
