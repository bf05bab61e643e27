package io.homeostat.engine.alert;

import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.alert.notify.DeliveryStats;
import io.homeostat.engine.port.Escalation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert manager: takes alert reports, deduplicates them by labels, groups them per route,
 * mutes what silences match and what a critical alert upstream explains, holds flapping alerts,
 * notifies receivers on the group timers, escalates critical and escalated problems along the
 * on-call levels until somebody acknowledges, and writes every step to the alert history and the
 * audit hook. Also the {@link Escalation} port the recovery layer calls.
 *
 * <p>Thread-safe. All timers run on the injected {@link Scheduler}; notifications are sent
 * outside the manager's lock, on the channels' executors.
 */
public interface Alerting extends Escalation {

    /**
     * The audit action of a silence that ran out: {@value}, target {@code silence:<id>}, written
     * to the {@linkplain AlertingBuilder#audit audit trail} once per silence when it ends.
     */
    String SILENCE_EXPIRED = "alert.silence.expired";

    /**
     * How long after a write to the {@linkplain AlertingBuilder#activeAlerts active-alert store}
     * failed the alerts that wait for it are written again, if no change of an alert came first.
     */
    Duration STORE_RETRY = Duration.ofSeconds(10);

    /** A builder of an alert manager whose timers run on {@code scheduler} (and its clock). */
    static AlertingBuilder builder(Scheduler scheduler) {
        return new AlertingBuilder(scheduler);
    }

    /**
     * Reports that an alert fires. A report with the labels of a firing alert refreshes it
     * (deduplication); one of a resolved alert fires it again (a flap transition).
     *
     * @throws NullPointerException if {@code alert} is null
     */
    void fire(Alert alert);

    /**
     * Reports that the alert with {@code labels} stopped firing; nothing if it is unknown or
     * resolved already.
     */
    void clear(Labels labels);

    /** Fires or clears the alert of {@code detection}, labelled with {@code incident} (empty for none). */
    default void observe(Detection detection, String incident) {
        Alert alert = Alert.of(detection, incident);
        if (detection.firing()) {
            fire(alert);
        } else {
            clear(alert.labels());
        }
    }

    /**
     * Silences what all {@code matchers} match, from {@code startsAt} to {@code endsAt}. When it
     * runs out, the {@linkplain AlertingBuilder#audit audit trail} hears of it
     * ({@value #SILENCE_EXPIRED}), whoever made it. With a {@linkplain AlertingBuilder#silences
     * silence store}, it is stored before this returns, so it outlives a restart.
     *
     * @return the silence, with its new id (unique across restarts)
     * @throws IllegalArgumentException as {@link Silence}'s constructor
     * @throws SilenceNotStoredException if the store did not take it: it is in force all the same
     */
    Silence silence(List<Matcher> matchers, Instant startsAt, Instant endsAt, String author, String comment);

    /**
     * Ends a silence now (and removes it from the {@linkplain AlertingBuilder#silences silence store}).
     *
     * @return true if it was in force or pending, false if unknown or over already
     * @throws SilenceNotStoredException if the store did not forget it: it is over in this process
     *     all the same, but a restart would bring it back until its end
     */
    boolean expire(String silenceId, String who);

    /** Silences in force or pending, by start. */
    List<Silence> silences();

    /**
     * Somebody takes the alert: it stops escalating (the acknowledgement timer of its incident's
     * escalation is cancelled) and is no longer repeated. With an {@linkplain
     * AlertingBuilder#activeAlerts active alert store}, that outlives a restart while the alert
     * fires (stored after the call, as history is; a store that cannot take it is counted in
     * {@link AlertingStats#failures()} and tried again {@link #STORE_RETRY} later).
     *
     * <p>The first acknowledgement stands: an alert acknowledged already, by anybody, or one that
     * has resolved is left as it is, with nothing written to its history.
     *
     * @return true if this call acknowledged it; false if it was acknowledged already (its
     *     {@link AlertView#acknowledgedBy()} says by whom) or has resolved
     * @throws UnknownAlertException if no alert has that fingerprint
     */
    boolean acknowledge(String fingerprint, String who);

    /**
     * Somebody takes the incident: every firing alert of it nobody has acknowledged yet is
     * acknowledged, and its escalation stops climbing.
     *
     * @return false if the incident has neither firing alerts nor an escalation
     */
    boolean acknowledgeIncident(String incidentId, String who);

    /**
     * Somebody resolves the alert now. One that has resolved already is left as it is, with
     * nothing written to its history.
     *
     * @return true if this call resolved it; false if it had resolved already
     * @throws UnknownAlertException if no alert has that fingerprint
     */
    boolean resolve(String fingerprint, String who);

    /**
     * Resolves every alert of the incident, silenced and inhibited ones too (so nothing
     * downstream surfaces once the upstream cause is gone), and ends its escalation.
     *
     * @return how many alerts it resolved
     */
    int resolveIncident(String incidentId, String who);

    /** The alert with {@code fingerprint}, while it fires or until it is forgotten. */
    Optional<AlertView> alert(String fingerprint);

    /** Every alert that has not resolved. */
    List<AlertView> alerts();

    /**
     * The keys of the escalations followed now, sorted: incident ids, and {@code alert:} followed by
     * the fingerprint for an alert without an incident. {@link #resolveIncident} with a key ends its
     * escalation.
     */
    List<String> escalated();

    /**
     * Replaces the dependency graph inhibition reads (it is declared in configuration and grows
     * with what the guards observe).
     */
    void graph(DependencyGraph graph);

    /** What the manager has done so far. */
    AlertingStats stats();

    /**
     * Who is on call now (on the injected clock), per on-call level name, lowest level first;
     * empty without a rotation.
     */
    Map<String, String> onCall();

    /**
     * Each channel's deliveries, retries, pending retries and dead letters, keyed
     * {@code receiver/channel}, sorted by receiver name.
     */
    Map<String, DeliveryStats> deliveries();
}
