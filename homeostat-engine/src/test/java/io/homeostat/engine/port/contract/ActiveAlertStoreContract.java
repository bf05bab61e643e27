package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.ActiveAlert;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.EscalationTrigger;
import io.homeostat.engine.port.OpenEscalation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ActiveAlertStore} must do. Extend it with {@link #newStore()} returning an
 * empty store; override {@link #reopen} to show that alerts and escalations outlive a restart, and
 * {@link #closeStore} to release a store.
 */
public abstract class ActiveAlertStoreContract extends StoreContract<ActiveAlertStore> {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    private static ActiveAlert alert(String service, String incident, long startSecond, String acknowledgedBy) {
        return new ActiveAlert(Labels.of(Map.of(Labels.SERVICE, service, Labels.SEVERITY, "high",
                Labels.CATEGORY, "errors", Labels.INCIDENT, incident)), "errors on " + service,
                T0.plusSeconds(startSecond), acknowledgedBy);
    }

    @Test
    void anEmptyStoreHasNoAlerts() {
        assertThat(store.all()).isEmpty();
    }

    @Test
    void alertsLoadBackWithEveryFieldByStartThenFingerprint() {
        ActiveAlert acknowledged = alert("checkout", "inc-1", 0, "token:alice");
        ActiveAlert later = alert("search", "inc-2", 60, "");
        ActiveAlert sameStart = alert("orders", "inc-3", 0, "");
        ActiveAlert earlier = new ActiveAlert(Labels.of(Map.of(Labels.SERVICE, "db:primary", Labels.SEVERITY, "critical")),
                "", T0.minusSeconds(3600), "");
        for (ActiveAlert alert : List.of(later, acknowledged, sameStart, earlier)) {
            store.save(alert);
        }

        List<ActiveAlert> sameStartOrdered = acknowledged.fingerprint().compareTo(sameStart.fingerprint()) < 0
                ? List.of(acknowledged, sameStart) : List.of(sameStart, acknowledged);
        assertThat(store.all()).containsExactly(earlier, sameStartOrdered.get(0), sameStartOrdered.get(1), later);
    }

    @Test
    void anAlertSavedAgainReplacesTheEarlierCopy() {
        store.save(alert("checkout", "inc-1", 0, ""));
        ActiveAlert acknowledged = alert("checkout", "inc-1", 0, "token:bob");
        store.save(acknowledged);

        assertThat(store.all()).containsExactly(acknowledged);
    }

    @Test
    void aRemovedAlertIsGoneAndRemovingAnUnknownOneDoesNothing() {
        ActiveAlert kept = alert("checkout", "inc-1", 0, "");
        ActiveAlert resolved = alert("search", "inc-2", 1, "token:alice");
        store.save(kept);
        store.save(resolved);

        store.remove(resolved.fingerprint());
        store.remove("0000000000000000");

        assertThat(store.all()).containsExactly(kept);
    }

    @Test
    void alertsOutliveAReopen() {
        ActiveAlert acknowledged = alert("checkout", "inc-1", 0, "token:alice");
        store.save(acknowledged);
        store.save(alert("search", "inc-2", 1, ""));
        store.remove(alert("search", "inc-2", 1, "").fingerprint());

        store = reopen(store);

        assertThat(store.all()).containsExactly(acknowledged);
    }

    @Test
    void labelsAndSummariesKeepTheirCharacters() {
        ActiveAlert odd = new ActiveAlert(Labels.of(Map.of(Labels.SERVICE, "db:primary/ünïcode \"quoted\"",
                Labels.SEVERITY, "medium", "team", "a,b=c;[]{}")), "it's \"quoted\"\nand on two lines", T0, "token:naïve");
        store.save(odd);
        assertThat(store.all()).containsExactly(odd);
    }

    @Test
    void savingOrRemovingNothingIsRefused() {
        assertThatThrownBy(() -> store.save(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.remove(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.saveEscalation(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.removeEscalation(null)).isInstanceOf(NullPointerException.class);
    }

    private static OpenEscalation climbing(String key, int level, long climbsAtSecond) {
        return new OpenEscalation(key, "checkout", Severity.CRITICAL, "checkout is down", level, false, false,
                Set.of(EscalationTrigger.CRITICAL), Optional.of(T0.plusSeconds(climbsAtSecond)));
    }

    @Test
    void anEmptyStoreHasNoEscalations() {
        assertThat(store.escalations()).isEmpty();
    }

    @Test
    void escalationsLoadBackWithEveryFieldByKey() {
        OpenEscalation taken = new OpenEscalation("inc-2", "db:primary/ünïcode", Severity.HIGH,
                "it's \"quoted\"\nand on two lines", 2, true, true,
                Set.of(EscalationTrigger.FLAPPING, EscalationTrigger.UNRESOLVED, EscalationTrigger.HIGH_IMPACT), Optional.empty());
        OpenEscalation alertOnly = climbing("alert:0123456789abcdef", 0, 300);
        OpenEscalation incident = climbing("inc-1", 1, 90);
        for (OpenEscalation escalation : List.of(taken, alertOnly, incident)) {
            store.saveEscalation(escalation);
        }

        assertThat(store.escalations()).containsExactly(alertOnly, incident, taken);
    }

    @Test
    void anEscalationSavedAgainReplacesTheEarlierCopyAndARemovedOneIsGone() {
        store.saveEscalation(climbing("inc-1", 0, 300));
        OpenEscalation climbed = climbing("inc-1", 1, 600);
        store.saveEscalation(climbed);
        OpenEscalation acknowledged = new OpenEscalation("inc-1", "checkout", Severity.CRITICAL, "checkout is down", 1,
                true, false, Set.of(), Optional.empty());
        store.saveEscalation(climbing("inc-2", 0, 300));
        assertThat(store.escalations()).containsExactly(climbed, climbing("inc-2", 0, 300));

        store.saveEscalation(acknowledged);
        store.removeEscalation("inc-2");
        store.removeEscalation("inc-unknown");

        assertThat(store.escalations()).containsExactly(acknowledged);
    }

    @Test
    void escalationsOutliveAReopenApartFromAlerts() {
        OpenEscalation kept = climbing("inc-1", 1, 90);
        store.saveEscalation(kept);
        store.save(alert("checkout", "inc-1", 0, ""));
        store.remove(alert("checkout", "inc-1", 0, "").fingerprint());

        store = reopen(store);

        assertThat(store.escalations()).containsExactly(kept);
        assertThat(store.all()).isEmpty();
    }
}
