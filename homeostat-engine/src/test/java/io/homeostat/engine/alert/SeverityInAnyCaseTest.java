package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A severity is written {@code high} on an alert and {@code HIGH} by the API and the CLI: matchers
 * on it compare in any case, with each operator; other labels compare exactly.
 */
class SeverityInAnyCaseTest {

    private final ManualClock clock = ManualClock.create();
    private final Labels high = Alert.of("checkout", Severity.HIGH, "errors", "", "errors", clock.instant()).labels();

    @Test
    void aSeverityMatchesInAnyCaseWithEachOperator() {
        assertThat(Matcher.eq(Labels.SEVERITY, "HIGH").matches(high)).isTrue();
        assertThat(Matcher.eq(Labels.SEVERITY, "High").matches(high)).isTrue();
        assertThat(Matcher.eq(Labels.SEVERITY, "CRITICAL").matches(high)).isFalse();
        assertThat(Matcher.ne(Labels.SEVERITY, "HIGH").matches(high)).isFalse();
        assertThat(Matcher.ne(Labels.SEVERITY, "LOW").matches(high)).isTrue();
        assertThat(Matcher.regex(Labels.SEVERITY, "HIGH|CRITICAL").matches(high)).isTrue();
        assertThat(Matcher.regex(Labels.SEVERITY, "LOW|INFO").matches(high)).isFalse();
    }

    @Test
    void otherLabelsCompareExactly() {
        assertThat(Matcher.eq(Labels.SERVICE, "Checkout").matches(high)).isFalse();
        assertThat(Matcher.ne(Labels.SERVICE, "Checkout").matches(high)).isTrue();
        assertThat(Matcher.regex(Labels.CATEGORY, "ERR.*").matches(high)).isFalse();
    }

    @Test
    void aSilenceOnAnUpperCaseSeverityMutesTheAlertsOfThatSeverity() {
        Alerting alerting = Alerting.builder(clock.scheduler())
                .receiver(Receiver.of("ops", new RecordingChannel("ops")))
                .route(Route.to("ops").build())
                .build();
        Instant now = clock.instant();
        Silence silence = alerting.silence(List.of(Matcher.eq(Labels.SEVERITY, "HIGH")), now,
                now.plus(Duration.ofHours(1)), "alice", "known noise");
        Alert loud = Alert.of("checkout", Severity.CRITICAL, "errors", "", "errors", now);
        Alert muted = Alert.of("checkout", Severity.HIGH, "latency", "", "slow", now);
        alerting.fire(loud);
        alerting.fire(muted);

        assertThat(alerting.alert(muted.fingerprint()).orElseThrow().state()).isEqualTo(AlertState.SILENCED);
        assertThat(alerting.alert(muted.fingerprint()).orElseThrow().mutedBy()).isEqualTo(silence.id());
        assertThat(alerting.alert(loud.fingerprint()).orElseThrow().state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void theNamesAlertsCarryAreTheLabelsOfAnAlert() {
        Labels all = Alert.of("checkout", Severity.HIGH, "errors", "inc-1", "errors", clock.instant()).labels();
        assertThat(Labels.NAMES).containsExactlyElementsOf(all.asMap().keySet());
    }
}
