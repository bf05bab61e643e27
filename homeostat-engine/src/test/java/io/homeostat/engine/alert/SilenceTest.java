package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.GroupTiming;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.memory.InMemoryAlertStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceTest {

    private final ManualClock clock = ManualClock.create();
    private final RecordingChannel ops = new RecordingChannel("ops");
    private final InMemoryAlertStore history = new InMemoryAlertStore();
    private final Alerting alerting = Alerting.builder(clock.scheduler())
            .receiver(Receiver.of("ops", ops))
            .route(Route.to("ops").groupBy(Labels.SERVICE)
                    .timing(new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(4)))
                    .build())
            .store(history)
            .build();

    private Alert alert(String service, String category) {
        return Alert.of(service, Severity.HIGH, category, "", category + " on " + service, clock.instant());
    }

    @Test
    void aSilencedAlertIsTrackedAndRecordedButNotNotified() {
        Instant now = clock.instant();
        Silence silence = alerting.silence(List.of(Matcher.eq(Labels.SERVICE, "checkout")), now,
                now.plus(Duration.ofHours(1)), "alice", "deploying checkout");
        Alert muted = alert("checkout", "errors");
        Alert loud = alert("search", "errors");
        alerting.fire(muted);
        alerting.fire(loud);
        clock.advance(Duration.ofSeconds(30));

        assertThat(ops.sent()).singleElement()
                .satisfies(n -> assertThat(n.groupLabels()).containsEntry(Labels.SERVICE, "search"));
        AlertView view = alerting.alert(muted.fingerprint()).orElseThrow();
        assertThat(view.state()).isEqualTo(AlertState.SILENCED);
        assertThat(view.mutedBy()).isEqualTo(silence.id());
        assertThat(history.history(muted.fingerprint())).extracting(AlertEvent::kind)
                .containsExactly(AlertEvent.Kind.FIRED, AlertEvent.Kind.SILENCED);
        assertThat(alerting.stats().silencedSuppressed()).isEqualTo(1);
    }

    @Test
    void anAlertStillFiringWhenItsSilenceRunsOutIsNotifiedThenNotAtItsGroupsNextTick() {
        Instant now = clock.instant();
        alerting.silence(List.of(Matcher.regex(Labels.CATEGORY, "err.*")), now, now.plus(Duration.ofMinutes(10)),
                "alice", "known issue");
        alerting.fire(alert("checkout", "errors"));
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(ops.count()).isZero();

        clock.advance(Duration.ofSeconds(1)); // the group ticks at x:30; the silence ends at 10:00
        assertThat(ops.sent()).singleElement().satisfies(n -> {
            assertThat(n.time()).isEqualTo(now.plus(Duration.ofMinutes(10)));
            assertThat(n.reason()).isEqualTo("new alerts");
        });
        assertThat(alerting.silences()).isEmpty();

        clock.advance(Duration.ofMinutes(5)); // the group's ticks go on from there, without repeating it
        assertThat(ops.count()).isEqualTo(1);
    }

    @Test
    void aSilenceThatEndsDuringItsGroupsFirstWaitLeavesTheWaitAlone() {
        Instant now = clock.instant();
        alerting.silence(List.of(Matcher.eq(Labels.SERVICE, "checkout")), now, now.plusSeconds(10), "alice", "restart");
        alerting.fire(alert("checkout", "errors"));
        alerting.fire(alert("checkout", "latency"));
        clock.advance(Duration.ofSeconds(29));
        assertThat(ops.count()).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(ops.sent()).singleElement().satisfies(n -> assertThat(n.firing()).hasSize(2));
    }

    @Test
    void aFutureSilenceMutesOnlyFromItsStart() {
        Instant now = clock.instant();
        alerting.silence(List.of(Matcher.eq(Labels.SERVICE, "checkout")), now.plus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(2)), "bob", "maintenance at 01:00");
        alerting.fire(alert("checkout", "errors"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(ops.count()).isEqualTo(1);
        assertThat(alerting.silences()).hasSize(1);
    }

    @Test
    void expiringASilenceLetsItsAlertsThrough() {
        Instant now = clock.instant();
        Silence silence = alerting.silence(List.of(Matcher.eq(Labels.SERVICE, "checkout")), now,
                now.plus(Duration.ofDays(1)), "alice", "noisy");
        alerting.fire(alert("checkout", "errors"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(ops.count()).isZero();

        assertThat(alerting.expire(silence.id(), "bob")).isTrue();
        assertThat(ops.count()).isEqualTo(1);
        assertThat(alerting.expire(silence.id(), "bob")).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(ops.count()).isEqualTo(1);
    }

    @Test
    void aSilenceNeedsMatchersAnAuthorAndAnEndAfterItsStart() {
        Instant now = clock.instant();
        assertThatThrownBy(() -> alerting.silence(List.of(), now, now.plusSeconds(60), "alice", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matcher");
        assertThatThrownBy(() -> alerting.silence(List.of(Matcher.eq("service", "x")), now, now, "alice", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endsAt");
        assertThatThrownBy(() -> alerting.silence(List.of(Matcher.eq("service", "x")), now, now.plusSeconds(1), " ", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("author");
        assertThatThrownBy(() -> Matcher.regex("service", "(unclosed"))
                .isInstanceOf(java.util.regex.PatternSyntaxException.class);
    }

    @Test
    void matchersCompareMissingLabelsAsEmpty() {
        Labels labels = alert("checkout", "errors").labels();
        assertThat(Matcher.ne("team", "db").matches(labels)).isTrue();
        assertThat(Matcher.eq("team", "").matches(labels)).isTrue();
        assertThat(Matcher.regex(Labels.SERVICE, "check.*").matches(labels)).isTrue();
        assertThat(Matcher.regex(Labels.SERVICE, "check").matches(labels)).isFalse();
    }
}
