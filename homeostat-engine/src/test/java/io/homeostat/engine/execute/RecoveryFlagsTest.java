package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.port.RecoverySwitch;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecoveryFlagsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final RecoveryFlags flags = new RecoveryFlags();

    @Test
    void appliedSwitchesForbidWhatTheyName() {
        flags.apply(RecoverySwitch.service("orders", false, "token:ops", "failover", T0))
                .apply(RecoverySwitch.action("restart_process", false, "token:ops", "", T0))
                .apply(RecoverySwitch.risk(RiskLevel.HIGH, false, "token:ops", "", T0))
                .apply(RecoverySwitch.mode(AutomationMode.LIMITED, "token:ops", "", T0));

        assertThat(flags.forbids("orders", "alert", RiskLevel.LOW)).isEqualTo("recovery of orders is turned off");
        assertThat(flags.forbids("billing", "restart_process", RiskLevel.LOW)).isEqualTo("action restart_process is turned off");
        assertThat(flags.forbids("billing", "alert", RiskLevel.HIGH)).isEqualTo("HIGH risk actions are turned off");
        assertThat(flags.forbids("billing", "alert", RiskLevel.MEDIUM)).isEmpty();
        assertThat(flags.mode()).isEqualTo(AutomationMode.LIMITED);
        assertThat(flags.disabledServices()).containsExactly("orders");
        assertThat(flags.disabledActions()).containsExactly("restart_process");
        assertThat(flags.disabledRisks()).containsExactly(RiskLevel.HIGH);

        flags.apply(RecoverySwitch.service("orders", true, "token:ops", "done", T0))
                .apply(RecoverySwitch.killSwitch(true, "token:ops", "review", T0));
        assertThat(flags.disabledServices()).isEmpty();
        assertThat(flags.killed()).isTrue();
        assertThat(flags.forbids("orders", "alert", RiskLevel.LOW)).isEqualTo("kill switch is on");
    }

    @Test
    void aSwitchThatDoesNotFitItsKindIsRefusedNamingWhy() {
        assertThatThrownBy(() -> RecoverySwitch.service(" ", false, "token:ops", "", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service must be a name");
        assertThatThrownBy(() -> new RecoverySwitch(RecoverySwitch.Kind.RISK, "EXTREME", false, AutomationMode.FULL,
                "token:ops", "", T0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EXTREME");
        assertThatThrownBy(() -> new RecoverySwitch(RecoverySwitch.Kind.KILL_SWITCH, "orders", true, AutomationMode.FULL,
                "token:ops", "", T0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no target");
        assertThatThrownBy(() -> new RecoverySwitch(RecoverySwitch.Kind.SERVICE, "orders", true, AutomationMode.SHADOW,
                "token:ops", "", T0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no mode");
    }
}
