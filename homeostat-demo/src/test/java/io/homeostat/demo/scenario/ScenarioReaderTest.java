package io.homeostat.demo.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

    private final ScenarioReader reader = new ScenarioReader(
            Set.of("llm:openai", "pharmaguard", "care_locator", "db:primary"), Set.of("db:primary"));

    @Test
    void readsFaultsWithTheirStrengthAndKindDefaults() {
        Scenario scenario = reader.parse("chaos.yaml", """
                name: two faults
                jitter: 1s
                faults:
                  - name: openai down
                    kind: outage
                    target: "llm:openai"
                    at: 5s
                    for: 10s
                  - kind: latency_spike
                    target: care_locator
                    at: 20s
                    for: 5s
                    latency: 1500ms
                  - kind: error_burst
                    target: pharmaguard
                    at: 30s
                    for: 5s
                """);

        assertThat(scenario.name()).isEqualTo("two faults");
        assertThat(scenario.jitter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(scenario.faults()).extracting(FaultSpec::name)
                .containsExactly("openai down", "latency_spike care_locator", "error_burst pharmaguard");
        FaultSpec spike = scenario.faults().get(1);
        assertThat(spike.kind()).isEqualTo(FaultKind.LATENCY_SPIKE);
        assertThat(spike.latency()).isEqualTo(Duration.ofMillis(1500));
        assertThat(spike.end()).isEqualTo(Duration.ofSeconds(25));
        assertThat(scenario.faults().get(2).errorRate()).isEqualTo(FaultSpec.DEFAULT_ERROR_RATE);
    }

    @Test
    void theShippedScheduleHasTheSevenFaultsOfTheIssue() {
        Scenario scenario = new ScenarioReader(Set.of("llm:openai", "llm:deepseek", "xray_analysis", "care_locator",
                "pharmaguard", "db:primary"), Set.of("db:primary")).defaults();

        assertThat(scenario.faults()).extracting(FaultSpec::kind).containsExactlyInAnyOrder(FaultKind.OUTAGE,
                FaultKind.CONNECTION_LOSS, FaultKind.MEMORY_LEAK, FaultKind.LATENCY_SPIKE, FaultKind.ERROR_BURST,
                FaultKind.FLAPPING, FaultKind.CASCADE);
        assertThat(scenario.end()).isLessThanOrEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void anUnknownKindIsNamedWithFileLineAndTheKindsThereAre() {
        assertThatThrownBy(() -> reader.parse("chaos.yaml", """
                faults:
                  - kind: outtage
                    target: pharmaguard
                    at: 1s
                    for: 1s
                """)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("chaos.yaml:2:")
                .hasMessageContaining("faults[0].kind")
                .hasMessageContaining("unknown fault kind 'outtage'")
                .hasMessageContaining("latency_spike");
    }

    @Test
    void anUnknownTargetListsTheServices() {
        assertThatThrownBy(() -> reader.parse("chaos.yaml", """
                faults:
                  - kind: outage
                    target: llm:anthropic
                    at: 1s
                    for: 1s
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("chaos.yaml:3:")
                .hasMessageContaining("faults[0].target: unknown service 'llm:anthropic'")
                .hasMessageContaining("pharmaguard");
    }

    @Test
    void rejectsUnknownKeysMissingKeysBadDurationsAndMisplacedParameters() {
        assertThatThrownBy(() -> reader.parse("a.yaml", "faults:\n  - {kind: outage, target: pharmaguard, at: 1s, for: 1s, colour: red}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("faults[0].colour: unknown key");
        assertThatThrownBy(() -> reader.parse("b.yaml", "faults:\n  - {kind: outage, target: pharmaguard, at: 1s}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("faults[0].for: is required but missing");
        assertThatThrownBy(() -> reader.parse("c.yaml", "faults:\n  - {kind: outage, target: pharmaguard, at: soon, for: 1s}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("faults[0].at: must be a duration");
        assertThatThrownBy(() -> reader.parse("d.yaml", "faults:\n  - {kind: outage, target: pharmaguard, at: 1s, for: 1s, latency: 2s}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("faults[0].latency: applies to latency_spike faults only");
        assertThatThrownBy(() -> reader.parse("e.yaml", "faults:\n  - {kind: error_burst, target: pharmaguard, at: 1s, for: 1s, error_rate: 1.5}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("faults[0].error_rate: must be in (0, 1]");
        assertThatThrownBy(() -> reader.parse("f.yaml", "faults:\n  - {kind: connection_loss, target: pharmaguard, at: 1s, for: 1s}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("connection_loss applies to a database");
        assertThatThrownBy(() -> reader.parse("g.yaml", "faults: nothing\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("faults: must be a list");
    }

    @Test
    void malformedYamlIsAnErrorWithItsPlace() {
        assertThatThrownBy(() -> reader.parse("bad.yaml", "faults:\n  - kind: [outage\n    target: x\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("bad.yaml:");
    }

    @Test
    void twoFaultsOnOneTargetMayNotOverlap() {
        assertThatThrownBy(() -> reader.parse("chaos.yaml", """
                faults:
                  - {kind: outage, target: pharmaguard, at: 10s, for: 10s}
                  - {kind: latency_spike, target: pharmaguard, at: 15s, for: 10s}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("faults[1]: overlaps faults[0] on pharmaguard");
    }

    @Test
    void theSameSeedGivesTheSameScheduleAndJitterStaysWithinItsBound() {
        Scenario scenario = reader.parse("chaos.yaml", """
                jitter: 3s
                faults:
                  - {kind: outage, target: pharmaguard, at: 10s, for: 5s}
                  - {kind: outage, target: "llm:openai", at: 1s, for: 5s}
                  - {kind: latency_spike, target: care_locator, at: 30s, for: 5s}
                """);

        List<FaultSpec> once = scenario.resolve(7);
        assertThat(scenario.resolve(7)).isEqualTo(once);
        assertThat(List.of(scenario.resolve(8), scenario.resolve(9), scenario.resolve(10))).anySatisfy(
                other -> assertThat(other).isNotEqualTo(once));
        for (long seed = 0; seed < 50; seed++) {
            List<FaultSpec> resolved = scenario.resolve(seed);
            assertThat(resolved).extracting(FaultSpec::at).isSorted();
            for (FaultSpec fault : resolved) {
                FaultSpec declared = scenario.faults().stream().filter(f -> f.target().equals(fault.target())).findFirst().orElseThrow();
                assertThat(fault.at()).isBetween(declared.at().minusSeconds(3).isNegative() ? Duration.ZERO
                        : declared.at().minusSeconds(3), declared.at().plusSeconds(3));
                assertThat(fault.duration()).isEqualTo(declared.duration());
            }
        }
    }
}
