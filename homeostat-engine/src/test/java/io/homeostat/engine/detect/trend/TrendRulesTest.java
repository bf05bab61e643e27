package io.homeostat.engine.detect.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.config.ConfigException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendRulesTest {

    @Test
    void defaultsPredictMemoryAndResponseTime() {
        List<TrendRule> rules = TrendRules.defaults();

        assertThat(rules).extracting(TrendRule::name).containsExactly("memory", "response time");
        assertThat(rules.get(0).limit()).isEqualTo(0.90);
        assertThat(rules.get(0).buckets()).isEqualTo(20);
        assertThat(rules.get(1).horizon()).isEqualTo(Duration.ofMinutes(15));
        assertThat(rules).allSatisfy(rule -> assertThat(rule.significance()).isEqualTo(1.0));
    }

    @Test
    void readsASignificance() {
        List<TrendRule> rules = TrendRules.parse("p.yaml", "predictions:\n  - name: x\n    metric: m\n    limit: 1\n"
                + "    window: 2s\n    bucket: 100ms\n    significance: 0.0001\n    category: c\n");

        assertThat(rules.getFirst().significance()).isEqualTo(0.0001);
        assertThat(rules.getFirst().buckets()).isEqualTo(20);
        assertThatThrownBy(() -> TrendRules.parse("p.yaml",
                "predictions:\n  - name: x\n    metric: m\n    limit: 1\n    significance: 0\n    category: c\n"))
                .hasMessage("p.yaml:5:19: predictions[0].significance: must be in (0, 1], was 0");
        assertThatThrownBy(() -> TrendRules.parse("p.yaml",
                "predictions:\n  - name: x\n    metric: m\n    limit: 1\n    min-confidence: 5\n    category: c\n"))
                .hasMessage("p.yaml:5:21: predictions[0].min-confidence: must be in (0, 1], was 5");
    }

    @Test
    void errorsNameTheLineAndKey() {
        assertThatThrownBy(() -> TrendRules.parse("p.yaml",
                "predictions:\n  - name: x\n    metric: m\n    limit: 1\n    direction: up\n    category: c\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("p.yaml:5:16: predictions[0].direction: must be rising or falling, was 'up'");
        assertThatThrownBy(() -> TrendRules.parse("p.yaml",
                "predictions:\n  - name: x\n    metric: m\n    limit: 1\n    window: 1m\n    category: c\n"))
                .hasMessage("p.yaml:2:5: predictions[0]: window must be 4 to 64 whole buckets, was 1m / 30s");
        assertThatThrownBy(() -> TrendRules.parse("p.yaml",
                "predictions:\n  - name: x\n    metric: m\n    limit: 1\n    horizon: 0s\n    category: c\n"))
                .hasMessage("p.yaml:5:14: predictions[0].horizon: must be longer than 0, was 0s");
        assertThatThrownBy(() -> TrendRules.parse("p.yaml", "predictions:\n  - name: x\n    metric: m\n    category: c\n"))
                .hasMessageEndingWith("predictions[0].limit: is required but missing");
    }
}
