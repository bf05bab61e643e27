package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.notify.Notification;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.GroupTiming;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GroupingTimersTest {

    private final ManualClock clock = ManualClock.create();
    private final RecordingChannel ops = new RecordingChannel("ops");
    private final Alerting alerting = Alerting.builder(clock.scheduler())
            .receiver(Receiver.of("ops", ops))
            .route(Route.to("ops").groupBy(Labels.SERVICE)
                    .timing(new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1)))
                    .build())
            .build();

    private Alert alert(String service, String category) {
        return Alert.of(service, Severity.HIGH, category, "", category + " on " + service, clock.instant());
    }

    @Test
    void groupWaitSendsAlertsThatArriveTogetherAsOneNotification() {
        alerting.fire(alert("checkout", "errors"));
        clock.advance(Duration.ofSeconds(10));
        alerting.fire(alert("checkout", "latency"));
        clock.advance(Duration.ofSeconds(10));
        alerting.fire(alert("checkout", "saturation"));
        clock.advance(Duration.ofSeconds(9));
        assertThat(ops.count()).isZero();

        clock.advance(Duration.ofSeconds(1));

        assertThat(ops.count()).isEqualTo(1);
        Notification n = ops.last();
        assertThat(n.firing()).extracting(a -> a.labels().get(Labels.CATEGORY).orElseThrow())
                .containsExactly("errors", "latency", "saturation");
        assertThat(n.groupLabels()).containsEntry(Labels.SERVICE, "checkout");
        assertThat(n.reason()).isEqualTo("new alerts");
    }

    @Test
    void repeatedReportsOfOneAlertAreDeduplicated() {
        for (int i = 0; i < 100; i++) {
            alerting.fire(alert("checkout", "errors"));
            clock.advance(Duration.ofMillis(100));
        }
        clock.advance(Duration.ofMinutes(1));

        assertThat(ops.count()).isEqualTo(1);
        assertThat(ops.last().firing()).singleElement().satisfies(a -> assertThat(a.count()).isEqualTo(100));
        assertThat(alerting.stats().deduplicated()).isEqualTo(99);
        assertThat(alerting.stats().reports()).isEqualTo(100);
    }

    @Test
    void anAlertThatJoinsAfterTheFirstNotificationWaitsForTheGroupInterval() {
        alerting.fire(alert("checkout", "errors"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(ops.count()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        alerting.fire(alert("checkout", "latency"));
        clock.advance(Duration.ofMinutes(4).plusSeconds(29));
        assertThat(ops.count()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1)); // 5 min after the first notification
        assertThat(ops.count()).isEqualTo(2);
        assertThat(ops.last().firing()).hasSize(2);
    }

    @Test
    void separateGroupsPerServiceNotifySeparately() {
        alerting.fire(alert("checkout", "errors"));
        alerting.fire(alert("search", "errors"));
        clock.advance(Duration.ofSeconds(30));

        assertThat(ops.sent()).extracting(n -> n.groupLabels().get(Labels.SERVICE))
                .containsExactlyInAnyOrder("checkout", "search");
        assertThat(alerting.stats().groups()).isEqualTo(2);
    }

    @Test
    void nothingNewIsRepeatedOnlyAfterTheRepeatIntervalAndNotOnceAcknowledged() {
        Alert errors = alert("checkout", "errors");
        alerting.fire(errors);
        clock.advance(Duration.ofSeconds(30));
        clock.advance(Duration.ofMinutes(55));
        assertThat(ops.count()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(5)); // the group tick at 1 h after the notification
        assertThat(ops.count()).isEqualTo(2);
        assertThat(ops.last().reason()).isEqualTo("repeat");

        alerting.acknowledge(errors.fingerprint(), "alice");
        clock.advance(Duration.ofHours(3));
        assertThat(ops.count()).isEqualTo(2);
        assertThat(alerting.alert(errors.fingerprint()).orElseThrow().acknowledgedBy()).isEqualTo("alice");
    }

    @Test
    void aResolvedAlertIsNotifiedOnceAndItsGroupGoesAway() {
        Alert errors = alert("checkout", "errors");
        alerting.fire(errors);
        clock.advance(Duration.ofSeconds(30));
        alerting.clear(errors.labels());
        clock.advance(Duration.ofMinutes(5));

        assertThat(ops.count()).isEqualTo(2);
        Notification resolved = ops.last();
        assertThat(resolved.allResolved()).isTrue();
        assertThat(resolved.resolved()).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
        assertThat(resolved.title()).startsWith("[RESOLVED]");
        assertThat(alerting.stats().groups()).isZero();

        clock.advance(Duration.ofHours(5));
        assertThat(ops.count()).isEqualTo(2);
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void anAlertThatResolvesBeforeTheGroupWaitIsNeverNotified() {
        Alert errors = alert("checkout", "errors");
        alerting.fire(errors);
        clock.advance(Duration.ofSeconds(10));
        alerting.clear(errors.labels());
        clock.advance(Duration.ofMinutes(30));

        assertThat(ops.count()).isZero();
        assertThat(alerting.alerts()).isEmpty();
    }
}
