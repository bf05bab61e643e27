package io.homeostat.engine.detect.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdRulesTest {

    @Test
    void defaultsAreTheSpecsThresholds() {
        List<ThresholdRule> rules = ThresholdRules.defaults();

        assertThat(rules).extracting(ThresholdRule::name)
                .containsExactly("response-time", "error-rate", "p95-latency", "cpu", "memory");
        assertThat(rules).extracting(ThresholdRule::metric)
                .containsExactly("latency.p50", "error.rate", "latency.p95", "process.cpu.load", "heap.used.ratio");
        assertThat(rules).extracting(ThresholdRule::threshold).containsExactly(2000.0, 0.05, 1000.0, 0.80, 0.85);
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.operator()).isEqualTo(Operator.ABOVE);
            assertThat(rule.service()).isEqualTo("*");
            assertThat(rule.clear()).isLessThan(rule.threshold());
        });
    }

    @Test
    void theShippedP95RuleIgnoresABusyLoopbackButNotASlowTail() {
        ManualClock clock = ManualClock.create();
        ThresholdDetector detector = ThresholdDetector.create(ThresholdRules.defaults(), clock);
        List<Detection> detections = new ArrayList<>();
        Random random = new Random(5);
        long t0 = clock.wallMillis();
        long second = 0;
        // Ten minutes of a loopback call on a loaded host: p95 10-30 ms, every third minute 150-400 ms.
        for (; second < 600; second++) {
            double p95 = (second / 60) % 3 == 1 ? 150 + 250 * random.nextDouble() : 10 + 20 * random.nextDouble();
            detector.sample("care_locator", "latency.p95", t0 + second * 1000, p95, detections::add);
        }
        assertThat(detections).isEmpty();

        // Then 1 in 20 calls takes 1.5 s, for three minutes: medium, after the rule's minute.
        long slowFrom = second;
        for (; second < slowFrom + 180; second++) {
            detector.sample("care_locator", "latency.p95", t0 + second * 1000, 1500, detections::add);
            if (!detections.isEmpty()) {
                break;
            }
        }
        assertThat(detections).singleElement().satisfies(d -> {
            assertThat(d.signature()).isEqualTo("p95-latency");
            assertThat(d.severity()).isEqualTo(Severity.MEDIUM);
        });
        assertThat(second - slowFrom).isBetween(60L, 61L);
    }

    @Test
    void readsEveryFieldFromAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - name: slow-llm
                    service: "llm:*"
                    metric: latency.p95
                    op: ">="
                    threshold: 1500
                    for: 45s
                    clear: 1200
                    severity: critical
                    category: latency
                  - name: low-throughput
                    metric: calls.rate
                    op: below
                    threshold: 1
                    category: traffic
                """);

        List<ThresholdRule> rules = ThresholdRules.read(file);

        assertThat(rules).containsExactly(
                new ThresholdRule("slow-llm", "llm:*", "latency.p95", Operator.AT_OR_ABOVE, 1500, Duration.ofSeconds(45),
                        1200, Severity.CRITICAL, "latency"),
                new ThresholdRule("low-throughput", "*", "calls.rate", Operator.BELOW, 1, Duration.ZERO, 1,
                        Severity.MEDIUM, "traffic"));
    }

    private static String rules(String second) {
        return "rules:\n"
                + "  - name: ok\n    metric: m\n    op: \">\"\n    threshold: 1\n    category: c\n"
                + "  - name: bad\n" + second;
    }

    @Test
    void aBadDurationNamesFileLineAndKey() {
        String yaml = rules("    metric: m\n    op: \">\"\n    threshold: 1\n    for: 30 seconds\n    category: c\n");

        assertThatThrownBy(() -> ThresholdRules.parse("rules.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessage("rules.yaml:11:10: rules[1].for: must be a duration like 30s, 5m or 100ms, was '30 seconds'");
    }

    @Test
    void aDurationTooLongIsRefusedAtItsKeyAsWritten() {
        String yaml = rules("    metric: m\n    op: \">\"\n    threshold: 1\n    for: 99999999999h\n    category: c\n");

        assertThatThrownBy(() -> ThresholdRules.parse("rules.yaml", yaml))
                .hasMessage("rules.yaml:11:10: rules[1].for: must be at most 53375 days (about 146 years), was 99999999999h");
    }

    @Test
    void missingAndUnknownKeysAndBadValuesAreNamed() {
        assertThatThrownBy(() -> ThresholdRules.parse("rules.yaml", rules("    op: \">\"\n    threshold: 1\n    category: c\n")))
                .hasMessageStartingWith("rules.yaml:7:").hasMessageEndingWith("rules[1].metric: is required but missing");
        assertThatThrownBy(() -> ThresholdRules.parse("rules.yaml",
                rules("    metric: m\n    op: \">\"\n    threshold: 1\n    category: c\n    severty: high\n")))
                .hasMessageStartingWith("rules.yaml:12:5: rules[1].severty: unknown key");
        assertThatThrownBy(() -> ThresholdRules.parse("rules.yaml",
                rules("    metric: m\n    op: \"=>\"\n    threshold: 1\n    category: c\n")))
                .hasMessage("rules.yaml:9:9: rules[1].op: must be one of >, >=, <, <=, was '=>'");
        assertThatThrownBy(() -> ThresholdRules.parse("rules.yaml",
                rules("    metric: m\n    op: \">\"\n    threshold: lots\n    category: c\n")))
                .hasMessageStartingWith("rules.yaml:10:16: rules[1].threshold: must be a number");
        assertThatThrownBy(() -> ThresholdRules.parse("rules.yaml",
                rules("    metric: m\n    op: \">\"\n    threshold: 1\n    category: c\n    severity: urgent\n")))
                .hasMessage("rules.yaml:12:15: rules[1].severity: must be one of [critical, high, info, low, medium], was 'urgent'");
    }

    @Test
    void aClearLevelOnTheFiringSideIsRejectedAtItsLine() {
        assertThatThrownBy(() -> ThresholdRules.parse("rules.yaml",
                rules("    metric: m\n    op: \">\"\n    threshold: 1\n    clear: 2\n    category: c\n")))
                .hasMessage("rules.yaml:11:12: rules[1].clear: must be at or below the threshold (1) for >");
    }

    @Test
    void ruleNamesAreUnique() {
        assertThatThrownBy(() -> ThresholdRules.parse("rules.yaml",
                "rules:\n  - {name: a, metric: m, op: '>', threshold: 1, category: c}\n"
                        + "  - {name: a, metric: n, op: '>', threshold: 1, category: c}\n"))
                .hasMessageStartingWith("rules.yaml:3:").hasMessageContaining("rules[1].name: duplicate rule name; first used at line 2");
    }

    @Test
    void theDocumentMustHoldAListOfRules() {
        assertThatThrownBy(() -> ThresholdRules.parse("rules.yaml", "rule: []\n"))
                .hasMessage("rules.yaml:1:1: rule: unknown key; expected one of [rules]");
        assertThatThrownBy(() -> ThresholdRules.parse("rules.yaml", "rules: {name: a}\n"))
                .hasMessageStartingWith("rules.yaml:1:8: rules: must be a list");
    }

    @Test
    void globsMatchServices() {
        assertThat(ThresholdRule.glob("llm:*", "llm:openai")).isTrue();
        assertThat(ThresholdRule.glob("llm:*", "db:primary")).isFalse();
        assertThat(ThresholdRule.glob("*", "anything")).isTrue();
        assertThat(ThresholdRule.glob("db:?rimary", "db:primary")).isTrue();
        assertThat(ThresholdRule.glob("*:*ary", "db:primary")).isTrue();
        assertThat(ThresholdRule.glob("db", "db:primary")).isFalse();
    }
}
