package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.GroupTiming;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.memory.InMemoryAlertStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlapSuppressionTest {

    private final ManualClock clock = ManualClock.create();
    private final RecordingChannel ops = new RecordingChannel("ops");
    private final InMemoryAlertStore history = new InMemoryAlertStore();
    private final Alerting alerting = Alerting.builder(clock.scheduler())
            .receiver(Receiver.of("ops", ops))
            .route(Route.to("ops")
                    .timing(new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(4)))
                    .build())
            .flapPolicy(new FlapPolicy(4, Duration.ofMinutes(10)))
            .store(history)
            .build();
    private final Alert alert = Alert.of("checkout", Severity.HIGH, "errors", "", "errors", clock.instant());

    private void at(int minutes, int seconds, Runnable action) {
        clock.advance(Duration.ofMinutes(minutes).plusSeconds(seconds)
                .minus(Duration.between(ManualClock.create().instant(), clock.instant())));
        action.run();
    }

    @Test
    void aFlappingAlertHoldsWhatPeopleLastSawUntilItIsSteadyForAWindow() {
        alerting.fire(alert);
        at(0, 30, () -> assertThat(ops.count()).isEqualTo(1));
        at(0, 45, () -> alerting.clear(alert.labels()));
        at(0, 50, () -> alerting.fire(alert));
        at(0, 55, () -> alerting.clear(alert.labels()));
        at(1, 0, () -> alerting.fire(alert));
        at(1, 10, () -> alerting.clear(alert.labels()));

        at(5, 0, () -> assertThat(alerting.alert(alert.fingerprint()).orElseThrow().flapping()).isTrue());
        at(11, 29, () -> assertThat(ops.count()).isEqualTo(1));
        assertThat(alerting.stats().flappingHeld()).isPositive();

        at(11, 30, () -> {
            assertThat(ops.count()).isEqualTo(2);
            assertThat(ops.last().resolved()).hasSize(1);
        });
        assertThat(history.history(alert.fingerprint())).extracting(AlertEvent::kind)
                .contains(AlertEvent.Kind.FLAPPING);
    }

    @Test
    void withoutFlappingEachChangeIsNotified() {
        alerting.fire(alert);
        at(0, 30, () -> alerting.clear(alert.labels()));
        at(1, 31, () -> alerting.fire(alert));
        at(2, 31, () -> assertThat(ops.count()).isEqualTo(3));
        assertThat(alerting.alert(alert.fingerprint()).orElseThrow().flapping()).isFalse();
    }
}
