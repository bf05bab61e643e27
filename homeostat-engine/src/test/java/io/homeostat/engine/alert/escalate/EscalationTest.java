package io.homeostat.engine.alert.escalate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.alert.Matcher;
import io.homeostat.engine.alert.RecordingChannel;
import io.homeostat.engine.alert.notify.Notification;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.GroupTiming;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.EscalationTrigger;
import io.homeostat.engine.port.memory.InMemoryAlertStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationTest {

    private final ManualClock clock = ManualClock.create();
    private final RecordingChannel ops = new RecordingChannel("ops");
    private final RecordingChannel primary = new RecordingChannel("primary");
    private final RecordingChannel secondary = new RecordingChannel("secondary");
    private final RecordingChannel response = new RecordingChannel("ir");
    private final InMemoryAlertStore history = new InMemoryAlertStore();
    private final OnCallRotation rotation = OnCallRotation.of(
            new OnCallLevel("primary", "pager-primary", List.of("alice", "bob"), Duration.ofDays(7), clock.instant()),
            new OnCallLevel("secondary", "pager-secondary", List.of("carol"), Duration.ofDays(7), clock.instant()),
            new OnCallLevel(EscalationPolicy.INCIDENT_RESPONSE, "incident-response", List.of("dave"),
                    Duration.ofDays(7), clock.instant()));
    private final Alerting alerting = Alerting.builder(clock.scheduler())
            .receiver(Receiver.of("ops", ops))
            .receiver(Receiver.of("pager-primary", primary))
            .receiver(Receiver.of("pager-secondary", secondary))
            .receiver(Receiver.of("incident-response", response))
            .route(Route.to("ops")
                    .timing(new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(4)))
                    .build())
            .escalation(EscalationPolicy.defaults(), rotation)
            .store(history)
            .build();

    private Alert critical(String incident) {
        return Alert.of("db:primary", Severity.CRITICAL, "availability", incident, "db down", clock.instant());
    }

    @Test
    void aCriticalAlertPagesTheFirstLevelAndClimbsEveryFiveMinutesUntilAcknowledged() {
        alerting.fire(critical("inc-1"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(ops.count()).isEqualTo(1);
        Notification page = primary.last();
        assertThat(page.kind()).isEqualTo(Notification.Kind.ESCALATION);
        assertThat(page.onCall()).isEqualTo("alice");
        assertThat(page.level()).isZero();
        assertThat(page.key()).isEqualTo("inc-1");
        assertThat(page.firing()).singleElement().satisfies(a -> assertThat(a.summary()).isEqualTo("db down"));

        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(secondary.count()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(secondary.last().onCall()).isEqualTo("carol");
        assertThat(secondary.last().reason()).startsWith("unacknowledged");

        clock.advance(Duration.ofMinutes(5));
        assertThat(response.last().onCall()).isEqualTo("dave");
        assertThat(primary.count()).isEqualTo(1);
        assertThat(alerting.stats().escalations()).isEqualTo(3);
    }

    @Test
    void aSilenceMutesThePagesAboutWhatItCoversNotOnlyTheAlerts() {
        alerting.silence(List.of(Matcher.eq(Labels.SERVICE, "db:primary")), clock.instant(), clock.instant().plus(Duration.ofHours(1)), "ops", "maintenance window");

        EscalationDecision muted = alerting.escalate(new EscalationRequest(EscalationTrigger.CRITICAL, "inc-9", "db:primary", Severity.CRITICAL,
                "db down", 0, 0.0));
        EscalationDecision paged = alerting.escalate(new EscalationRequest(EscalationTrigger.CRITICAL, "inc-10", "db:replica", Severity.CRITICAL,
                "replica down", 0, 0.0));

        assertThat(muted.escalated()).isFalse();
        assertThat(muted.reason()).startsWith("silenced by ");
        assertThat(paged.escalated()).isTrue();
        assertThat(primary.count()).as("only the page about the replica").isEqualTo(1);
    }

    @Test
    void anAcknowledgedAlertStopsEscalatingAndTheAuditSaysWhoAndWhen() {
        Alert alert = critical("inc-1");
        alerting.fire(alert);
        clock.advance(Duration.ofSeconds(30));
        clock.advance(Duration.ofMinutes(2));
        Instant acknowledgedAt = clock.instant();
        alerting.acknowledge(alert.fingerprint(), "alice");
        clock.advance(Duration.ofHours(1));

        assertThat(primary.count()).isEqualTo(1);
        assertThat(secondary.count()).isZero();
        AlertEvent ack = history.history(alert.fingerprint()).stream()
                .filter(e -> e.kind() == AlertEvent.Kind.ACKNOWLEDGED).findFirst().orElseThrow();
        assertThat(ack.actor()).isEqualTo("alice");
        assertThat(ack.time()).isEqualTo(acknowledgedAt);
        assertThat(history.incident("inc-1")).extracting(AlertEvent::kind).contains(AlertEvent.Kind.ESCALATED);
    }

    @Test
    void acknowledgingTheIncidentStopsTheClimbToo() {
        alerting.escalate(EscalationRequest.critical("inc-7", "payments", "payments down"));
        assertThat(primary.count()).isEqualTo(1);
        assertThat(alerting.acknowledgeIncident("inc-7", "bob")).isTrue();
        clock.advance(Duration.ofHours(1));
        assertThat(secondary.count()).isZero();
        assertThat(alerting.acknowledgeIncident("unknown", "bob")).isFalse();
    }

    @Test
    void threeFailedRecoveryAttemptsEscalateToTheNextLevelAndFewerAreDeclined() {
        EscalationDecision two = alerting.escalate(
                EscalationRequest.recoveryFailed("inc-9", "payments", Severity.HIGH, 2, "failover did not help"));
        assertThat(two.escalated()).isFalse();
        assertThat(two.reason()).contains("below the threshold of 3");

        alerting.escalate(EscalationRequest.critical("inc-9", "payments", "payments down"));
        EscalationDecision three = alerting.escalate(
                EscalationRequest.recoveryFailed("inc-9", "payments", Severity.HIGH, 3, "failover did not help"));
        assertThat(three.escalated()).isTrue();
        assertThat(three.level()).isEqualTo(1);
        assertThat(three.target()).isEqualTo("carol");
        assertThat(secondary.last().reason()).startsWith("recovery failed 3 times");

        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertThat(response.count()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(response.count()).isEqualTo(1);
    }

    @Test
    void highImpactGoesToIncidentResponseOnlyAboveHalfTheServices() {
        assertThat(alerting.escalate(EscalationRequest.highImpact("inc-3", "edge", Severity.HIGH, 0.5, "half"))
                .escalated()).isFalse();

        EscalationDecision decision =
                alerting.escalate(EscalationRequest.highImpact("inc-3", "edge", Severity.HIGH, 0.6, "most"));

        assertThat(decision.level()).isEqualTo(2);
        assertThat(response.last().onCall()).isEqualTo("dave");
        assertThat(response.last().reason()).startsWith("60 % of services affected");
        assertThat(response.last().firing()).singleElement()
                .satisfies(a -> assertThat(a.labels().service()).isEqualTo("edge"));
    }

    @Test
    void aResolvedIncidentStopsEscalatingAndClosesThePage() {
        alerting.escalate(EscalationRequest.critical("inc-4", "payments", "payments down"));
        alerting.resolved("inc-4", "recovery");
        clock.advance(Duration.ofHours(1));
        assertThat(primary.count()).isEqualTo(2);
        Notification close = primary.last();
        assertThat(close.allResolved()).isTrue();
        assertThat(close.key()).isEqualTo("inc-4");
        assertThat(close.reason()).isEqualTo("resolved by recovery");
        assertThat(close.resolved()).singleElement()
                .satisfies(a -> assertThat(a.labels().service()).isEqualTo("payments"));
        assertThat(secondary.count()).isZero();
    }

    @Test
    void theLastAlertOfAnIncidentClearingClosesItsPageAtTheLevelReached() {
        Alert alert = critical("inc-6");
        alerting.fire(alert);
        clock.advance(Duration.ofSeconds(30));
        clock.advance(Duration.ofMinutes(5)); // climbed to secondary
        alerting.clear(alert.labels());

        assertThat(secondary.count()).isEqualTo(2);
        assertThat(secondary.last().allResolved()).isTrue();
        assertThat(secondary.last().onCall()).isEqualTo("carol");
        clock.advance(Duration.ofHours(1));
        assertThat(response.count()).isZero();
    }

    @Test
    void aCriticalEscalationOfAnIncidentAlreadyFollowedIsDeclined() {
        alerting.escalate(EscalationRequest.critical("inc-5", "payments", "payments down"));
        EscalationDecision again = alerting.escalate(EscalationRequest.critical("inc-5", "checkout", "checkout down"));
        assertThat(again.escalated()).isFalse();
        assertThat(primary.count()).isEqualTo(1);
    }

    @Test
    void withoutAnOnCallRotationEscalationsAreDeclinedNotLost() {
        Alerting bare = Alerting.builder(clock.scheduler()).receiver(Receiver.of("ops", ops))
                .route(Route.to("ops").build()).build();
        EscalationDecision decision = bare.escalate(EscalationRequest.critical("inc-1", "db", "down"));
        assertThat(decision.escalated()).isFalse();
        assertThat(decision.reason()).contains("no on-call rotation");
    }

    @Test
    void theAlertManagerSaysWhoIsOnCallNowOnItsClock() {
        assertThat(alerting.onCall()).containsExactly(java.util.Map.entry("primary", "alice"),
                java.util.Map.entry("secondary", "carol"), java.util.Map.entry(EscalationPolicy.INCIDENT_RESPONSE, "dave"));
        clock.advance(Duration.ofDays(7));
        assertThat(alerting.onCall()).containsEntry("primary", "bob");
        alerting.escalate(EscalationRequest.critical("inc-8", "db", "down"));
        assertThat(primary.last().onCall()).isEqualTo("bob");
    }

    @Test
    void theRotationSaysWhoIsOnCallNow() {
        Instant start = clock.instant();
        OnCallLevel level = new OnCallLevel("primary", "pager", List.of("alice", "bob", "carol"), Duration.ofDays(1), start);
        assertThat(level.onCallAt(start)).isEqualTo("alice");
        assertThat(level.onCallAt(start.plus(Duration.ofHours(23)))).isEqualTo("alice");
        assertThat(level.onCallAt(start.plus(Duration.ofDays(1)))).isEqualTo("bob");
        assertThat(level.onCallAt(start.plus(Duration.ofDays(3)))).isEqualTo("alice");
        assertThat(level.onCallAt(start.minus(Duration.ofHours(1)))).isEqualTo("carol");
    }

    @Test
    void configurationIsCheckedWhenBuilt() {
        assertThatThrownBy(() -> new EscalationPolicy(List.of(
                EscalationRule.of(EscalationTrigger.CRITICAL, EscalationRule.Target.FIRST, Duration.ofMinutes(5)),
                EscalationRule.of(EscalationTrigger.CRITICAL, EscalationRule.Target.NEXT, Duration.ofMinutes(5)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CRITICAL");
        assertThatThrownBy(() -> EscalationRule.of(EscalationTrigger.CRITICAL, EscalationRule.Target.FIRST, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        OnCallRotation oneLevel = OnCallRotation.of(rotation.levels().get(0));
        assertThatThrownBy(() -> Alerting.builder(clock.scheduler())
                .receiver(Receiver.of("ops", ops)).receiver(Receiver.of("pager-primary", primary))
                .route(Route.to("ops").build()).escalation(EscalationPolicy.defaults(), oneLevel).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(EscalationPolicy.INCIDENT_RESPONSE);
        assertThatThrownBy(() -> Alerting.builder(clock.scheduler())
                .route(Route.to("nobody").build()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nobody");
        assertThatThrownBy(() -> new OnCallLevel("l", "r", List.of(), Duration.ofDays(1), clock.instant()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLogEscalationWritesOneLinePerRequest() {
        List<String> lines = new java.util.ArrayList<>();
        var log = io.homeostat.engine.alert.LogEscalation.to(lines::add);
        assertThat(log.escalate(EscalationRequest.recoveryFailed("inc-2", "db", Severity.HIGH, 3, "still down"))
                .escalated()).isTrue();
        log.resolved("inc-2", "recovery");
        assertThat(lines).containsExactly(
                "ESCALATION RECOVERY_FAILED incident=inc-2 service=db severity=HIGH attempts=3 impact=0.00: still down",
                "RESOLVED incident=inc-2 by recovery");
        assertThat(log.upstreamCause("db")).isEmpty();
        assertThat(Labels.SERVICE).isEqualTo("service");
    }
}
