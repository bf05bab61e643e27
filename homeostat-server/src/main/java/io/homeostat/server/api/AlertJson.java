package io.homeostat.server.api;

import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.AlertView;
import java.time.Instant;
import java.util.Map;

/** An alert as the API writes it; {@code fingerprint} is its id. */
record AlertJson(
        String fingerprint, Map<String, String> labels, String summary, AlertState state, Instant startsAt,
        Instant lastSeen, long count, boolean flapping, String mutedBy, String acknowledgedBy) {

    static AlertJson of(AlertView view) {
        return new AlertJson(view.fingerprint(), view.labels().asMap(), view.summary(), view.state(), view.startsAt(),
                view.lastSeen(), view.count(), view.flapping(), view.mutedBy(), view.acknowledgedBy());
    }
}
