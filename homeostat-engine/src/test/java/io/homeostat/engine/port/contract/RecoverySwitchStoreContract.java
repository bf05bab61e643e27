package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.execute.AutomationMode;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.port.RecoverySwitch;
import io.homeostat.engine.port.RecoverySwitchStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RecoverySwitchStore} must do. Extend it with {@link #newStore()} returning an
 * empty store; override {@link #reopen} to show that settings outlive a restart, and
 * {@link #closeStore} to release a store.
 */
public abstract class RecoverySwitchStoreContract extends StoreContract<RecoverySwitchStore> {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    @Test
    void anEmptyStoreHasNoSettings() {
        assertThat(store.all()).isEmpty();
    }

    @Test
    void everyKindLoadsBackWithEveryFieldInKindThenTargetOrder() {
        RecoverySwitch risk = RecoverySwitch.risk(RiskLevel.HIGH, false, "token:ops", "change freeze", T0.plusSeconds(4));
        RecoverySwitch orders = RecoverySwitch.service("orders", false, "token:ops", "manual failover in progress", T0);
        RecoverySwitch billing = RecoverySwitch.service("billing", true, "token:alice", "", T0.plusSeconds(1));
        RecoverySwitch action = RecoverySwitch.action("restart_process", false, "token:ops", "restarts loop", T0.plusSeconds(2));
        RecoverySwitch mode = RecoverySwitch.mode(AutomationMode.SHADOW, "token:admin", "trial", T0.plusSeconds(3));
        RecoverySwitch kill = RecoverySwitch.killSwitch(true, "token:admin", "incident review", T0.plusSeconds(5));
        for (RecoverySwitch setting : new RecoverySwitch[] {risk, orders, billing, action, mode, kill}) {
            store.save(setting);
        }

        assertThat(store.all()).containsExactly(kill, mode, billing, orders, action, risk);
    }

    @Test
    void aLaterSettingOfTheSameSwitchReplacesTheEarlierOne() {
        store.save(RecoverySwitch.service("orders", false, "token:ops", "failover", T0));
        store.save(RecoverySwitch.action("orders", false, "token:ops", "an action of the same name", T0));
        RecoverySwitch back = RecoverySwitch.service("orders", true, "token:bob", "failover done", T0.plusSeconds(60));
        store.save(back);
        store.save(RecoverySwitch.mode(AutomationMode.MONITOR, "token:ops", "first", T0));
        RecoverySwitch limited = RecoverySwitch.mode(AutomationMode.LIMITED, "token:ops", "second", T0.plusSeconds(1));
        store.save(limited);

        assertThat(store.all()).containsExactly(limited, back,
                RecoverySwitch.action("orders", false, "token:ops", "an action of the same name", T0));
    }

    @Test
    void settingsOutliveAReopen() {
        RecoverySwitch orders = RecoverySwitch.service("orders", false, "token:ops", "failover", T0);
        RecoverySwitch kill = RecoverySwitch.killSwitch(true, "token:ops", "review", T0);
        store.save(orders);
        store.save(kill);

        store = reopen(store);

        assertThat(store.all()).containsExactly(kill, orders);
    }

    @Test
    void targetsKeepTheirCharacters() {
        RecoverySwitch odd = RecoverySwitch.service("db:primary/ünïcode \"quoted\"", false, "token:ops", "naïve", T0);
        store.save(odd);
        assertThat(store.all()).containsExactly(odd);
    }

    @Test
    void savingNothingIsRefused() {
        assertThatThrownBy(() -> store.save(null)).isInstanceOf(NullPointerException.class);
    }
}
