package io.homeostat.engine.alert.internal;

import io.homeostat.core.time.Cancellable;
import io.homeostat.engine.alert.route.Route;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alerts one route groups under one set of label values, with what the receiver was last
 * shown: for each member, whether the last notification listed it as firing. Guarded by the
 * engine's lock.
 */
final class AlertGroup {

    final String key;
    final Route route;
    final Map<String, String> groupLabels;
    /** fingerprint -> listed as firing in the last notification. */
    final Map<String, Boolean> shown = new LinkedHashMap<>();
    Instant lastNotified;
    /** The receiver was told every alert shown firing is acknowledged; cleared when a new one is shown. */
    boolean acknowledged;
    /** Its first tick (after the group wait) has run. */
    boolean waited;
    Cancellable timer = () -> {};

    AlertGroup(String key, Route route, Map<String, String> groupLabels) {
        this.key = key;
        this.route = route;
        this.groupLabels = groupLabels;
    }
}
