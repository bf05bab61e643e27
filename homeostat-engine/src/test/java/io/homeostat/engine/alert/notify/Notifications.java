package io.homeostat.engine.alert.notify;

import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.AlertView;
import io.homeostat.engine.alert.Labels;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sample notifications for channel tests. */
final class Notifications {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Notifications() {}

    static AlertView alert(String service, String severity, AlertState state) {
        Labels labels = Labels.of(Map.of(Labels.SERVICE, service, Labels.SEVERITY, severity,
                Labels.CATEGORY, "errors", Labels.INCIDENT, "inc-1"));
        return new AlertView(labels, "error rate 12 % on " + service, state, T0, T0, 3, false, "", "");
    }

    static Notification firing() {
        return new Notification("ops", "r{service=db:primary}", Notification.Kind.GROUP,
                Map.of(Labels.SERVICE, "db:primary"), List.of(alert("db:primary", "critical", AlertState.FIRING)),
                List.of(), "new alerts", "", -1, T0);
    }

    static Notification resolved() {
        return new Notification("ops", "r{service=db:primary}", Notification.Kind.GROUP,
                Map.of(Labels.SERVICE, "db:primary"), List.of(),
                List.of(alert("db:primary", "critical", AlertState.RESOLVED)), "resolved", "", -1, T0);
    }

    /** What alerting tells a receiver when people acknowledged its group's alerts. */
    static Notification acknowledged() {
        return new Notification("ops", "r{service=db:primary}", Notification.Kind.GROUP,
                Map.of(Labels.SERVICE, "db:primary"), List.of(alert("db:primary", "critical", AlertState.FIRING)),
                List.of(), "acknowledged by alice", "", -1, T0);
    }

    static Notification escalation() {
        return new Notification("pager", "inc-1", Notification.Kind.ESCALATION,
                Map.of(Labels.SERVICE, "db:primary", Labels.INCIDENT, "inc-1"),
                List.of(alert("db:primary", "critical", AlertState.FIRING)), List.of(), "critical: db down",
                "alice", 0, T0);
    }
}
