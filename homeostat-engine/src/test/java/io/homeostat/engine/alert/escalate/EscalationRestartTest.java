package io.homeostat.engine.alert.escalate;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.AlertingBuilder;
import io.homeostat.engine.alert.RecordingChannel;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.GroupTiming;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.EscalationTrigger;
import io.homeostat.engine.port.OpenEscalation;
import io.homeostat.engine.port.memory.InMemoryActiveAlertStore;
import io.homeostat.engine.port.memory.StoreOutage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The escalations the alert manager follows outlive a restart: each process below is an alert
 * manager built over the same store on a clock of its own (a stopped process's timers do not run),
 * paging a three-level rotation whose levels each have a pager of their own. The default policy
 * climbs a level every 5 minutes nobody acknowledges.
 */
class EscalationRestartTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration GROUP_WAIT = Duration.ofSeconds(30);

    private final InMemoryActiveAlertStore store = new InMemoryActiveAlertStore();

    /** One process: its clock, what each level's pager received, its alert manager. */
    private record Process(ManualClock clock, RecordingChannel primary, RecordingChannel secondary,
            RecordingChannel response, Alerting alerting) {

        Alert critical(String service, String incident) {
            return Alert.of(service, Severity.CRITICAL, "availability", incident, service + " down", clock.instant());
        }

        int pages() {
            return primary.count() + secondary.count() + response.count();
        }
    }

    private static AlertingBuilder alerting(ManualClock clock, ActiveAlertStore alerts, RecordingChannel... pagers) {
        return Alerting.builder(clock.scheduler())
                .receiver(Receiver.of("ops", new RecordingChannel("ops")))
                .receiver(Receiver.of("pager-primary", pagers[0]))
                .receiver(Receiver.of("pager-secondary", pagers[1]))
                .receiver(Receiver.of("incident-response", pagers[2]))
                .route(Route.to("ops").timing(new GroupTiming(GROUP_WAIT, Duration.ofMinutes(1), Duration.ofHours(4))).build())
                .activeAlerts(alerts);
    }

    private Process start(Instant at, ActiveAlertStore alerts) {
        return start(at, alerts, incident -> true);
    }

    private Process start(Instant at, ActiveAlertStore alerts, Predicate<String> openIncidents) {
        ManualClock clock = ManualClock.at(at);
        RecordingChannel primary = new RecordingChannel("primary");
        RecordingChannel secondary = new RecordingChannel("secondary");
        RecordingChannel response = new RecordingChannel("ir");
        OnCallRotation rotation = OnCallRotation.of(
                new OnCallLevel("primary", "pager-primary", List.of("alice"), Duration.ofDays(7), START),
                new OnCallLevel("secondary", "pager-secondary", List.of("carol"), Duration.ofDays(7), START),
                new OnCallLevel(EscalationPolicy.INCIDENT_RESPONSE, "incident-response", List.of("dave"),
                        Duration.ofDays(7), START));
        Alerting alerting = alerting(clock, alerts, primary, secondary, response)
                .escalation(EscalationPolicy.defaults(), rotation).openIncidents(openIncidents).build();
        return new Process(clock, primary, secondary, response, alerting);
    }

    private Process start(Instant at) {
        return start(at, store);
    }

    /** The first process pages the primary at 0:30 and the secondary at 5:30 about inc-1. */
    private Process escalatedToTheSecondLevel() {
        Process first = start(START);
        first.alerting().fire(first.critical("db:primary", "inc-1"));
        first.clock().advance(GROUP_WAIT.plus(Duration.ofMinutes(5)));
        assertThat(first.primary().count()).isEqualTo(1);
        assertThat(first.secondary().count()).isEqualTo(1);
        return first;
    }

    @Test
    void anEscalationGoesOnFromTheLevelItHadReachedAndClimbsWhenItWasDue() {
        escalatedToTheSecondLevel();
        assertThat(store.escalations()).singleElement().satisfies(kept -> {
            assertThat(kept.key()).isEqualTo("inc-1");
            assertThat(kept.level()).isEqualTo(1);
            assertThat(kept.acknowledged()).isFalse();
            assertThat(kept.climbsAt()).contains(START.plus(GROUP_WAIT).plus(Duration.ofMinutes(10)));
        });

        Process second = start(START.plus(Duration.ofMinutes(7)));
        // the detection goes on after the restart: the alert fires again and its group is notified
        second.alerting().fire(second.critical("db:primary", "inc-1"));
        second.clock().advance(Duration.ofMinutes(3).plusSeconds(29));
        assertThat(second.pages()).as("nobody paged again from the first level, nor the second again").isZero();

        second.clock().advance(Duration.ofSeconds(1));
        assertThat(second.response().count()).as("the third level at 10:30, when the second's time ran out").isEqualTo(1);
        assertThat(second.response().last().onCall()).isEqualTo("dave");
        assertThat(second.pages()).isEqualTo(1);
    }

    @Test
    void anEscalationThatFellDueWhileTheManagerWasDownClimbsAtOnce() {
        escalatedToTheSecondLevel();

        Process second = start(START.plus(Duration.ofMinutes(20)));
        second.clock().advance(Duration.ZERO);

        assertThat(second.response().count()).isEqualTo(1);
        assertThat(second.primary().count() + second.secondary().count()).isZero();
        assertThat(store.escalations()).singleElement().satisfies(kept -> {
            assertThat(kept.level()).isEqualTo(2);
            assertThat(kept.climbsAt()).contains(START.plus(Duration.ofMinutes(25)));
        });
    }

    @Test
    void anAcknowledgedEscalationStaysQuietAndANewCriticalAlertOfItsIncidentPagesNobody() {
        Process first = escalatedToTheSecondLevel();
        assertThat(first.alerting().acknowledgeIncident("inc-1", "token:carol")).isTrue();
        assertThat(store.escalations()).singleElement().satisfies(kept -> {
            assertThat(kept.acknowledged()).isTrue();
            assertThat(kept.climbsAt()).isEmpty();
            assertThat(kept.level()).isEqualTo(1);
        });

        Process second = start(START.plus(Duration.ofMinutes(8)));
        second.alerting().fire(second.critical("api", "inc-1"));
        EscalationDecision again = second.alerting().escalate(EscalationRequest.critical("inc-1", "api", "api down"));
        second.clock().advance(Duration.ofHours(1));

        assertThat(again.escalated()).isFalse();
        assertThat(again.reason()).isEqualTo("already escalated at level 2");
        assertThat(second.pages()).isZero();
    }

    @Test
    void aTriggerTheLoopAsksForOncePerIncidentIsNotAppliedAgainAfterARestart() {
        Process first = escalatedToTheSecondLevel();
        EscalationRequest unresolved = new EscalationRequest(EscalationTrigger.UNRESOLVED, "inc-1", "db:primary",
                Severity.CRITICAL, "unresolved after PT1H: db:primary down", 0, 0);
        assertThat(first.alerting().escalate(unresolved).escalated()).isTrue();
        assertThat(first.response().count()).as("unresolved: the next level").isEqualTo(1);
        first.alerting().acknowledgeIncident("inc-1", "token:dave");

        // The loop's rules remember what they asked for in memory: after a restart they ask again.
        Process second = start(START.plus(Duration.ofMinutes(8)));
        EscalationDecision again = second.alerting().escalate(unresolved);
        second.clock().advance(Duration.ofHours(1));

        assertThat(again.escalated()).isFalse();
        assertThat(again.reason()).isEqualTo("already escalated for unresolved at level 3");
        assertThat(second.pages()).isZero();
        assertThat(store.escalations()).singleElement().satisfies(kept -> {
            assertThat(kept.acknowledged()).as("still taken").isTrue();
            assertThat(kept.triggers()).contains(EscalationTrigger.UNRESOLVED);
        });
    }

    @Test
    void anEscalationOfAnIncidentThatClosedMeanwhileEndsAtStartInsteadOfClimbing() {
        escalatedToTheSecondLevel();

        Process second = start(START.plus(Duration.ofMinutes(20)), store, incident -> false);
        // the escalation ended as the manager was built; the owner then resolves the incident's alerts (the server does)
        assertThat(second.alerting().escalated()).isEmpty();
        second.alerting().resolveIncident("inc-1", AlertEvent.SYSTEM);
        second.clock().advance(Duration.ofHours(1));

        assertThat(second.response().count()).as("overdue, but over: nobody is paged").isZero();
        assertThat(second.secondary().sent()).singleElement().satisfies(closing -> {
            assertThat(closing.key()).isEqualTo("inc-1");
            assertThat(closing.firing()).isEmpty();
            assertThat(closing.resolved()).singleElement().satisfies(view -> assertThat(view.state()).isEqualTo(AlertState.RESOLVED));
        });
        assertThat(second.alerting().escalated()).isEmpty();
        assertThat(store.escalations()).isEmpty();
    }

    @Test
    void anEscalationOfAnAlertWithoutAnIncidentThatWasNotKeptEndsAtStart() {
        Process first = start(START);
        Alert alone = Alert.of("db:primary", Severity.CRITICAL, "availability", "", "db down", START);
        first.alerting().fire(alone);
        first.clock().advance(GROUP_WAIT);
        assertThat(store.escalations()).extracting(OpenEscalation::key).containsExactly("alert:" + alone.fingerprint());
        store.remove(alone.fingerprint()); // as if it resolved and the escalation's removal did not reach the store

        Process second = start(START.plus(Duration.ofMinutes(20)));
        second.clock().advance(Duration.ofHours(1));

        assertThat(second.secondary().count()).isZero();
        assertThat(second.primary().last().resolved()).isNotEmpty();
        assertThat(store.escalations()).isEmpty();
    }

    @Test
    void anEscalationThatEndedIsForgottenAndTheNextStartFollowsNothing() {
        Process first = escalatedToTheSecondLevel();
        first.alerting().resolveIncident("inc-1", "token:carol");
        assertThat(store.escalations()).isEmpty();

        Process second = start(START.plus(Duration.ofMinutes(8)));
        second.alerting().fire(second.critical("db:primary", "inc-1"));
        second.clock().advance(GROUP_WAIT);

        assertThat(second.primary().count()).as("a new problem starts from the first level").isEqualTo(1);
    }

    @Test
    void aManagerWithoutARotationNowForgetsTheKeptEscalations() {
        escalatedToTheSecondLevel();

        ManualClock clock = ManualClock.at(START.plus(Duration.ofMinutes(7)));
        RecordingChannel[] pagers = {new RecordingChannel("p"), new RecordingChannel("s"), new RecordingChannel("r")};
        alerting(clock, store, pagers).build();
        clock.advance(Duration.ofHours(1));

        assertThat(store.escalations()).isEmpty();
        assertThat(pagers[0].count() + pagers[1].count() + pagers[2].count()).isZero();
    }

    @Test
    void aRotationWithFewerLevelsNowGoesOnFromItsTopLevel() {
        Process first = escalatedToTheSecondLevel();
        first.clock().advance(Duration.ofMinutes(5));
        assertThat(store.escalations()).extracting(OpenEscalation::level).containsExactly(2);

        ManualClock clock = ManualClock.at(START.plus(Duration.ofMinutes(12)));
        RecordingChannel[] pagers = {new RecordingChannel("p"), new RecordingChannel("s"), new RecordingChannel("r")};
        OnCallRotation two = OnCallRotation.of(
                new OnCallLevel("primary", "pager-primary", List.of("alice"), Duration.ofDays(7), START),
                new OnCallLevel(EscalationPolicy.INCIDENT_RESPONSE, "incident-response", List.of("dave"),
                        Duration.ofDays(7), START));
        alerting(clock, store, pagers).escalation(EscalationPolicy.defaults(), two).build();
        clock.advance(Duration.ofMinutes(3).plusSeconds(30));

        assertThat(pagers[2].count()).as("climbing from the top level pages it again").isEqualTo(1);
        assertThat(pagers[0].count() + pagers[1].count()).isZero();
        assertThat(store.escalations()).extracting(OpenEscalation::level).containsExactly(1);
    }

    @Test
    void aClimbTheStoreCouldNotTakeIsWrittenAtTheRetry() {
        StoreOutage outage = new StoreOutage();
        Process first = start(START, outage.wrap(ActiveAlertStore.class, store));
        first.alerting().escalate(EscalationRequest.critical("inc-1", "db:primary", "db down"));
        assertThat(store.escalations()).extracting(OpenEscalation::level).containsExactly(0);
        outage.down(true);
        first.clock().advance(Duration.ofMinutes(5));
        assertThat(first.secondary().count()).isEqualTo(1);
        assertThat(store.escalations()).extracting(OpenEscalation::level).as("the database is away").containsExactly(0);

        outage.down(false);
        first.clock().advance(Alerting.STORE_RETRY);

        assertThat(store.escalations()).singleElement().isEqualTo(new OpenEscalation("inc-1", "db:primary",
                Severity.CRITICAL, "db down", 1, false, false,
                Set.of(EscalationTrigger.CRITICAL, EscalationTrigger.UNACKNOWLEDGED),
                Optional.of(START.plus(Duration.ofMinutes(10)))));
    }
}
