package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.control.KernelControl;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.detect.threshold.ThresholdRule;
import io.homeostat.engine.detect.trend.TrendRule;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.action.AlertAction;
import io.homeostat.engine.execute.action.DegradationAction;
import io.homeostat.engine.execute.action.FailoverAction;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.server.runtime.FlagSetting;
import io.homeostat.server.runtime.LoopConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sections of homeostat.yaml a running loop takes: good files, and bad ones named by file, line and key. */
class LoopConfigSectionsTest {

    private static final KernelControl CONTROL = KernelControl.builder().build();
    private static final ActionCatalog ACTIONS = ActionCatalog.of(List.of(new AlertAction(notice -> { }),
            new FailoverAction(CONTROL, List.of()), new DegradationAction(CONTROL)));

    @TempDir
    Path dir;

    private LoopConfig read(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("homeostat.yaml"), yaml);
        return ServerConfigFile.read(file, ServerConfig.defaults(), ACTIONS).loop();
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml, String message) throws IOException {
        Path file = Files.writeString(dir.resolve("homeostat.yaml"), yaml);
        return assertThatThrownBy(() -> ServerConfigFile.read(file, ServerConfig.defaults(), ACTIONS))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void absentSectionsKeepTheShippedDefaults() throws IOException {
        LoopConfig config = read("server:\n  port: 9090\n");

        assertThat(config).isEqualTo(LoopConfig.defaults().alsoFromFile(java.util.Set.of("server")));
        assertThat(config.fromFile()).as("the loop's sections are the shipped ones").containsExactly("server");
        assertThat(config.thresholdRules()).extracting(ThresholdRule::name).contains("error-rate");
        assertThat(config.workflows()).extracting(Workflow::name).contains("memory-leak");
    }

    @Test
    void everySectionIsReadAndReplacesItsDefault() throws IOException {
        LoopConfig config = read("""
                detection:
                  threshold:
                    - {name: slow, service: "api:*", metric: latency.p95, op: ">", threshold: 250, for: 30s, category: latency}
                  trend:
                    - {name: disk, metric: disk.used.ratio, limit: 0.95, horizon: 1h, category: resource}
                diagnosis:
                  version: site-1
                  rules:
                    - name: db-down
                      category: database
                      confidence: 0.9
                      severity: high
                      when: {error-category: [connection_refused]}
                      causes: [{cause: database unreachable, confidence: 0.9}]
                workflows:
                  - name: page
                    trigger: manual
                    steps: [{name: tell, action: alert, params: {message: hi}}]
                flags:
                  recommendations: true
                  previews: {enabled: false, on_through: reduced}
                  search: {on_through: essential}
                """);

        assertThat(config.thresholdRules()).singleElement().satisfies(rule -> {
            assertThat(rule.name()).isEqualTo("slow");
            assertThat(rule.threshold()).isEqualTo(250);
            assertThat(rule.forDuration()).isEqualTo(Duration.ofSeconds(30));
        });
        assertThat(config.trendRules()).extracting(TrendRule::name).containsExactly("disk");
        assertThat(config.diagnosisRules().version()).isEqualTo("site-1");
        assertThat(config.diagnosisRules().rules()).hasSize(1);
        assertThat(config.workflows()).extracting(Workflow::name).startsWith("page").contains("memory-leak")
                .hasSize(LoopConfig.defaults().workflows().size() + 1);
        assertThat(config.flags()).containsExactly(
                java.util.Map.entry("previews", new FlagSetting(false, DegradationLevel.REDUCED)),
                java.util.Map.entry("recommendations", new FlagSetting(true, DegradationLevel.FULL)),
                java.util.Map.entry("search", new FlagSetting(true, DegradationLevel.ESSENTIAL)));
        assertThat(config.fromFile()).containsExactlyInAnyOrder(LoopConfig.THRESHOLD, LoopConfig.TREND,
                LoopConfig.DIAGNOSIS, LoopConfig.WORKFLOWS, LoopConfig.FLAGS);
    }

    @Test
    void aWorkflowNamedLikeAShippedOneReplacesIt() throws IOException {
        LoopConfig config = read("""
                workflows:
                  - name: memory-leak
                    trigger: manual
                    steps: [{name: tell, action: alert, params: {message: hi}}]
                """);

        assertThat(config.workflows()).extracting(Workflow::name).doesNotHaveDuplicates()
                .hasSize(LoopConfig.defaults().workflows().size()).startsWith("memory-leak");
        assertThat(config.workflows().getFirst().steps()).hasSize(1);
    }

    @Test
    void theDocumentedExampleIsValid() {
        ServerConfigFile.Contents contents = ServerConfigFile.read(Path.of("../docs/homeostat.example.yaml"),
                ServerConfig.defaults(), StandardActions.catalog(CONTROL, List.of(), notice -> { }, List.of(), List.of(),
                        ManualClock.create(), List.of()));

        assertThat(contents.loop().fromFile()).containsExactlyInAnyOrder(LoopConfig.THRESHOLD, LoopConfig.TREND,
                LoopConfig.WORKFLOWS, LoopConfig.FLAGS, "server", "retention", "incidents", "alerting");
        assertThat(contents.loop().flags()).containsKeys("recommendations", "previews");
    }

    @Test
    void badDetectionRulesAreNamedByLineAndKey() throws IOException {
        refused("""
                detection:
                  threshold:
                    - {name: a, metric: m, op: ">", threshold: 1, category: c}
                    - {name: b, metric: m, op: "=>", threshold: 1, category: c}
                """, "homeostat.yaml:4:").hasMessageContaining("detection.threshold[1].op: must be one of >, >=, <, <=");
        refused("""
                detection:
                  thresholds: []
                """, "homeostat.yaml:2:3: detection.thresholds: unknown key; expected one of [threshold, trend]");
        refused("""
                detection:
                  trend:
                    - name: disk
                      metric: disk.used.ratio
                      limit: 0.95
                      horizon: soon
                      category: resource
                """, "homeostat.yaml:6:16: detection.trend[0].horizon: must be a duration");
        refused("""
                detection:
                  threshold: {name: a}
                """, "homeostat.yaml:2:14: detection.threshold: must be a list");
    }

    @Test
    void badWorkflowsAreNamedByLineAndKeyIncludingUnknownActions() throws IOException {
        refused("""
                workflows:
                  - name: page
                    trigger: manual
                    steps:
                      - {name: tell, action: alert}
                      - {name: move, action: teleport}
                """, "homeostat.yaml:6:30: workflows[0].steps[1].action: unknown action 'teleport'; known: [alert, failover, set_degradation]");
        refused("""
                workflows:
                  - name: page
                    trigger: whenever
                    steps: [{name: tell, action: alert}]
                """, "homeostat.yaml:3:14: workflows[0].trigger: must be one of");
    }

    @Test
    void parametersAnActionRefusesAreNamedByLineAndKey() throws IOException {
        refused("""
                workflows:
                  - name: shed
                    trigger: error_threshold
                    steps:
                      - name: degrade
                        action: set_degradation
                        params: {level: sideways}
                """, "homeostat.yaml:7:25: workflows[0].steps[0].params.level: bad params for set_degradation: "
                + "level: unknown degradation level 'sideways'; one of [full, reduced, essential, read_only, maintenance]");
        refused("""
                workflows:
                  - name: shed
                    trigger: error_threshold
                    steps: [{name: degrade, action: set_degradation}]
                """, "homeostat.yaml:4:37: workflows[0].steps[0].action: bad params for set_degradation: level: missing");
        refused("""
                workflows:
                  - name: page
                    trigger: error_threshold
                    steps: [{name: tell, action: alert}]
                    rollback:
                      - name: tell-again
                        alternatives:
                          - {action: failover}
                          - {action: alert, params: {severity: urgent}}
                """, "homeostat.yaml:9:48: workflows[0].rollback[0].alternatives[1].params.severity: bad params for alert: "
                + "severity: unknown severity 'urgent'");
        refused("""
                workflows:
                  - name: page
                    trigger: error_threshold
                    steps: [{name: tell, action: alert, params: {sevrity: critical}}]
                """, "homeostat.yaml:4:59: workflows[0].steps[0].params.sevrity: bad params for alert: "
                + "sevrity: not a parameter of alert; it takes [message, severity]");
        assertThat(read("""
                workflows:
                  - name: shed
                    trigger: error_threshold
                    steps: [{name: degrade, action: set_degradation, params: {level: essential}}]
                """).workflows().getFirst().steps().getFirst().params()).containsEntry("level", "essential");
    }

    @Test
    void badFlagsAreNamedByLineAndKey() throws IOException {
        refused("flags:\n  previews: maybe\n", "homeostat.yaml:2:13: flags.previews: must be true or false, was 'maybe'");
        refused("flags:\n  previews: {on_through: halfway}\n",
                "homeostat.yaml:2:26: flags.previews.on_through: must be one of [essential, full, maintenance, read_only, reduced]");
        refused("flags:\n  previews: {enabeld: false}\n", "homeostat.yaml:2:14: flags.previews.enabeld: unknown key");
        refused("flags: [previews]\n", "homeostat.yaml:1:8: flags: must be a map");
    }

    @Test
    void aFlagMayNotTakeTheNameOfOneOfRecoverysSwitches() throws IOException {
        refused("flags:\n  previews: true\n  recovery.kill-switch: false\n", "homeostat.yaml:3:25: flags.recovery.kill-switch:"
                + " names starting with 'recovery.' are recovery's switches");
    }

    @Test
    void aBadDiagnosisSectionIsNamedByLineAndKey() throws IOException {
        refused("""
                diagnosis:
                  version: site-1
                  rules:
                    - {name: x, category: weather, confidence: 0.5, when: {http-status: [500]}, causes: [{cause: rain}]}
                """, "homeostat.yaml:4:").hasMessageContaining("diagnosis.rules[0].category");
    }
}
