package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.AlertStore;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AlertStore} must do. Subclasses supply a fresh, empty store per test (own
 * schema or key prefix) and clean up after it.
 */
public abstract class AlertStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    protected AlertStore store;

    /** A new, empty store. */
    protected abstract AlertStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static AlertEvent event(String alertId, AlertEvent.Kind kind, long seconds, String actor, String incident) {
        return new AlertEvent(alertId, kind, T0.plusSeconds(seconds), actor, incident,
                Map.of("service", "db:primary", "severity", "critical"), kind + " of " + alertId);
    }

    @Test
    void historyReturnsOneAlertsEventsOldestFirstWithEveryField() {
        store.append(event("a1", AlertEvent.Kind.FIRED, 0, AlertEvent.SYSTEM, "inc-1"));
        store.append(event("a2", AlertEvent.Kind.FIRED, 1, AlertEvent.SYSTEM, "inc-2"));
        store.append(event("a1", AlertEvent.Kind.ACKNOWLEDGED, 60, "alice", "inc-1"));
        store.append(event("a1", AlertEvent.Kind.RESOLVED, 120, "bob", "inc-1"));

        assertThat(store.history("a1")).containsExactly(
                event("a1", AlertEvent.Kind.FIRED, 0, AlertEvent.SYSTEM, "inc-1"),
                event("a1", AlertEvent.Kind.ACKNOWLEDGED, 60, "alice", "inc-1"),
                event("a1", AlertEvent.Kind.RESOLVED, 120, "bob", "inc-1"));
        assertThat(store.history("unknown")).isEmpty();
    }

    @Test
    void eventsAtTheSameInstantKeepAppendOrder() {
        store.append(event("a1", AlertEvent.Kind.FIRED, 5, AlertEvent.SYSTEM, ""));
        store.append(event("a1", AlertEvent.Kind.INHIBITED, 5, AlertEvent.SYSTEM, ""));
        store.append(event("a1", AlertEvent.Kind.RESOLVED, 5, AlertEvent.SYSTEM, ""));

        assertThat(store.history("a1")).extracting(AlertEvent::kind)
                .containsExactly(AlertEvent.Kind.FIRED, AlertEvent.Kind.INHIBITED, AlertEvent.Kind.RESOLVED);
    }

    @Test
    void incidentCollectsEveryAlertOfTheIncident() {
        store.append(event("a1", AlertEvent.Kind.FIRED, 0, AlertEvent.SYSTEM, "inc-1"));
        store.append(event("a2", AlertEvent.Kind.FIRED, 1, AlertEvent.SYSTEM, "inc-1"));
        store.append(event("a3", AlertEvent.Kind.FIRED, 2, AlertEvent.SYSTEM, "inc-2"));
        store.append(event("a4", AlertEvent.Kind.FIRED, 3, AlertEvent.SYSTEM, ""));

        assertThat(store.incident("inc-1")).extracting(AlertEvent::alertId).containsExactly("a1", "a2");
        assertThat(store.incident("inc-1")).allSatisfy(e -> assertThat(e.incident()).contains("inc-1"));
        assertThat(store.history("a4").get(0).incident()).isEmpty();
    }

    @Test
    void recentReturnsTheLatestNewestFirst() {
        for (int i = 0; i < 10; i++) {
            store.append(event("a" + i, AlertEvent.Kind.FIRED, i, AlertEvent.SYSTEM, ""));
        }
        assertThat(store.recent(3)).extracting(AlertEvent::alertId).containsExactly("a9", "a8", "a7");
        assertThat(store.recent(100)).hasSize(10);
        assertThatThrownBy(() -> store.recent(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelsAndDetailSurviveTheRoundTrip() {
        AlertEvent event = new AlertEvent("a1", AlertEvent.Kind.SILENCED, T0, AlertEvent.SYSTEM, "",
                Map.of("service", "llm:openai", "severity", "high", "category", "latency", "team", "ml"),
                "silence-7: maintenance window, ünïcödé");
        store.append(event);
        assertThat(store.history("a1")).containsExactly(event);
    }
}
