package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.escalate.EscalationPolicy;
import io.homeostat.engine.alert.escalate.OnCallLevel;
import io.homeostat.engine.alert.escalate.OnCallRotation;
import io.homeostat.engine.alert.notify.Notification;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.GroupTiming;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.loop.EscalationRules;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A critical incident that flaps: the tracker keeps it open (flapping) instead of resolving it
 * again, and the escalation rules page its on-call level once, "flapping". Its alert still clears
 * and fires with each flap; the page must follow the incident, not each flap: no "resolved" page
 * while the incident is open, no fresh "critical" page when the alert fires again.
 */
class FlappingIncidentPagesTest {

    private final ManualClock clock = ManualClock.create();
    private final RecordingChannel team = new RecordingChannel("team");
    private final RecordingChannel pager = new RecordingChannel("pager");
    private final OnCallRotation rotation = OnCallRotation.of(
            new OnCallLevel("primary", "pager", List.of("alice"), Duration.ofDays(7), clock.instant()),
            new OnCallLevel("secondary", "pager", List.of("carol"), Duration.ofDays(7), clock.instant()),
            new OnCallLevel(EscalationPolicy.INCIDENT_RESPONSE, "pager", List.of("dave"), Duration.ofDays(7),
                    clock.instant()));
    private final Alerting alerting = Alerting.builder(clock.scheduler())
            .receiver(Receiver.of("team", team))
            .receiver(Receiver.of("pager", pager))
            .route(Route.to("team")
                    .timing(new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(4)))
                    .build())
            .escalation(EscalationPolicy.defaults(), rotation)
            .build();
    private final IncidentTracker tracker = IncidentTracker.builder(new InMemoryIncidentStore()).clock(clock).build();
    private final EscalationRules rules = new EscalationRules(tracker, alerting, id -> Optional.empty(), () -> 0,
            entry -> { }, clock, Duration.ofHours(6), 0.5);

    private void detect(boolean firing) {
        tracker.observe(new Detection("d-" + clock.monotonicNanos(), "threshold", Detection.Kind.THRESHOLD,
                firing ? Detection.Status.FIRING : Detection.Status.CLEARED, new SeriesKey("checkout", "error.rate"),
                "errors", "error.rate>5%", Severity.CRITICAL, 0.9, "errors on checkout", Map.of(), clock.instant()));
    }

    /** Lets {@code minutes} pass with the loop's tick every 10 s (tracker, then escalation rules). */
    private void minutes(int minutes) {
        for (int i = 0; i < minutes * 6; i++) {
            clock.advance(Duration.ofSeconds(10));
            tracker.tick();
            rules.tick();
        }
    }

    /** Fires for 2 minutes, then stays clear for 7 (past the tracker's 5 minute hold). */
    private void flap() {
        detect(true);
        minutes(2);
        detect(false);
        minutes(7);
    }

    private List<Notification> pagesOf(String incident, int from) {
        return pager.sent().subList(from, pager.count()).stream().filter(n -> n.key().equals(incident)).toList();
    }

    @Test
    void aFlappingIncidentIsPagedOnceAndClosedOnceNotAgainWithEveryFlap() {
        tracker.listen(IncidentAlerts.feeding(alerting));
        for (int i = 0; i < 4; i++) {
            flap();
        }
        Incident flapping = tracker.active().stream().filter(Incident::flapping).findFirst().orElseThrow();
        assertThat(pager.last().key()).isEqualTo(flapping.id());
        assertThat(pager.last().reason()).startsWith("flapping");
        alerting.acknowledgeIncident(flapping.id(), "alice");
        int paged = pager.count();

        flap();
        flap();

        assertThat(tracker.active()).extracting(Incident::id).containsExactly(flapping.id());
        assertThat(pagesOf(flapping.id(), paged)).as("pages while the incident stays open and acknowledged")
                .extracting(Notification::reason).isEmpty();
        assertThat(team.sent().subList(0, team.count())).as("the team's route still sees each flap")
                .filteredOn(n -> n.reason().equals("new alerts")).hasSizeGreaterThanOrEqualTo(6);

        minutes(61);

        assertThat(tracker.active()).isEmpty();
        assertThat(pagesOf(flapping.id(), paged)).singleElement().satisfies(close -> {
            assertThat(close.allResolved()).isTrue();
            assertThat(close.reason()).isEqualTo("resolved by " + IncidentTracker.SELF);
        });
    }
}
