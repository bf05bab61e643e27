package io.homeostat.engine.port;

import java.util.List;

/**
 * Keeps the alerts that have not resolved, with who acknowledged each, and the escalations being
 * followed, so that a restarted server shows the alerts of incidents still open, does not page
 * again for one somebody already took, and goes on climbing an escalation from the level it had
 * reached when it was due to climb (not from the first level, nor a whole timeout late).
 * The alert manager writes through ({@link io.homeostat.engine.alert.AlertingBuilder#activeAlerts}):
 * it saves an alert when it starts firing and when it is acknowledged, removes it when it resolves,
 * and reads them all once when it is built. A report that only refreshes a firing alert is not
 * written. It saves an escalation each time it pages a level or is acknowledged, and removes it when
 * it ends. Unlike the {@link AlertStore} (the history, append-only), this holds the present.
 *
 * <p>Implementations are thread-safe. When {@link #save} or {@link #remove} returns, the change
 * is durable.
 */
public interface ActiveAlertStore {

    /**
     * Stores {@code alert}, replacing the one stored before with the same fingerprint.
     *
     * @throws NullPointerException if {@code alert} is null
     * @throws StoreUnavailableException if the backing store cannot be written
     * @throws StoreRefusedException if it answered and refused the alert (a value too long for it)
     */
    void save(ActiveAlert alert);

    /**
     * Forgets the alert with {@code fingerprint}; nothing if none is stored.
     *
     * @throws NullPointerException if {@code fingerprint} is null
     * @throws StoreUnavailableException if the backing store cannot be written
     */
    void remove(String fingerprint);

    /**
     * Every stored alert, ordered by start then fingerprint.
     *
     * @throws StoreUnavailableException if the backing store cannot be read
     */
    List<ActiveAlert> all();

    /**
     * Stores {@code escalation}, replacing the one stored before with the same key.
     *
     * @throws NullPointerException if {@code escalation} is null
     * @throws StoreUnavailableException if the backing store cannot be written
     * @throws StoreRefusedException if it answered and refused it (a value too long for it)
     */
    void saveEscalation(OpenEscalation escalation);

    /**
     * Forgets the escalation with {@code key}; nothing if none is stored.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws StoreUnavailableException if the backing store cannot be written
     */
    void removeEscalation(String key);

    /**
     * Every stored escalation, ordered by key.
     *
     * @throws StoreUnavailableException if the backing store cannot be read
     */
    List<OpenEscalation> escalations();
}
