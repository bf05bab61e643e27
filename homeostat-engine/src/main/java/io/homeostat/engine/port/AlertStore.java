package io.homeostat.engine.port;

import java.util.List;

/**
 * The history of alerts, kept (unlike Alertmanager, which keeps none): every firing,
 * suppression, notification, acknowledgement, escalation and resolution. Append-only.
 * Implementations are thread-safe; {@code homeostat-store} implements it on JDBC and every
 * implementation passes the engine's {@code AlertStoreContract}.
 */
public interface AlertStore {

    /**
     * Appends one event.
     *
     * @throws NullPointerException if {@code event} is null
     */
    void append(AlertEvent event);

    /** The events of one alert, oldest first (events at the same instant in append order). */
    List<AlertEvent> history(String alertId);

    /** The events of every alert of one incident, oldest first. */
    List<AlertEvent> incident(String incidentId);

    /**
     * The latest {@code limit} events of all alerts, newest first.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    List<AlertEvent> recent(int limit);
}
