package io.homeostat.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.engine.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DegradationPolicyReaderTest {

    @Test
    void readsLevelsHoldServiceAndMaximum() {
        DegradationPolicy policy = DegradationPolicyReader.read("degrade.yaml", """
                degradation:
                  service: shop
                  hold: 5m
                  max_level: read_only
                  levels:
                    - {level: reduced, below: 0.8, recover_above: 0.9}
                    - {level: read_only, below: 0.5, recover_above: 0.7}
                """);

        assertThat(policy.service()).isEqualTo("shop");
        assertThat(policy.hold()).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.maxLevel()).isEqualTo(DegradationLevel.READ_ONLY);
        assertThat(policy.levelFor(0.85)).isEqualTo(DegradationLevel.FULL);
        assertThat(policy.levelFor(0.79)).isEqualTo(DegradationLevel.REDUCED);
        assertThat(policy.levelFor(0.2)).isEqualTo(DegradationLevel.READ_ONLY);
        assertThat(policy.stepUp(DegradationLevel.READ_ONLY)).isEqualTo(DegradationLevel.REDUCED);
        assertThat(policy.stepUp(DegradationLevel.REDUCED)).isEqualTo(DegradationLevel.FULL);
    }

    @Test
    void defaultsServiceHoldAndMaximum() {
        DegradationPolicy policy = DegradationPolicyReader.read("degrade.yaml", """
                degradation:
                  levels:
                    - {level: essential, below: 0.6, recover_above: 0.75}
                """);

        assertThat(policy.service()).isEqualTo(DegradationPolicy.SYSTEM);
        assertThat(policy.hold()).isEqualTo(DegradationPolicy.DEFAULT_HOLD);
        assertThat(policy.maxLevel()).isEqualTo(DegradationLevel.ESSENTIAL);
    }

    @Test
    void aBandThatIsNotAboveBelowIsRejectedWithItsPlace() {
        assertThatThrownBy(() -> DegradationPolicyReader.read("degrade.yaml", """
                degradation:
                  levels:
                    - {level: reduced, below: 0.8, recover_above: 0.8}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("degrade.yaml:3")
                .hasMessageContaining("would flap");
    }

    @Test
    void levelsOutOfOrderOrWithHigherScoresAreRejected() {
        assertThatThrownBy(() -> DegradationPolicyReader.read("degrade.yaml", """
                degradation:
                  max_level: reduced
                  levels:
                    - {level: essential, below: 0.6, recover_above: 0.75}
                    - {level: reduced, below: 0.5, recover_above: 0.7}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("mildest to the worst");
        assertThatThrownBy(() -> DegradationPolicyReader.read("degrade.yaml", """
                degradation:
                  levels:
                    - {level: reduced, below: 0.6, recover_above: 0.9}
                    - {level: essential, below: 0.7, recover_above: 0.8}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("a worse level needs lower scores");
    }

    @Test
    void unknownKeysLevelsAndMaximaAreRejected() {
        assertThatThrownBy(() -> DegradationPolicyReader.read("degrade.yaml", """
                degradation:
                  hold: 1m
                  levls: []
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("levls");
        assertThatThrownBy(() -> DegradationPolicyReader.read("degrade.yaml", """
                degradation:
                  levels:
                    - {level: half, below: 0.6, recover_above: 0.75}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("half");
        assertThatThrownBy(() -> DegradationPolicyReader.read("degrade.yaml", """
                degradation:
                  max_level: maintenance
                  levels:
                    - {level: essential, below: 0.6, recover_above: 0.75}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("degrade.yaml:2")
                .hasMessageContaining("max_level MAINTENANCE is not one of the levels");
        assertThatThrownBy(() -> DegradationPolicyReader.read("degrade.yaml", """
                degradation:
                  levels:
                    - {level: full, below: 0.6, recover_above: 0.75}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("full service");
    }
}
