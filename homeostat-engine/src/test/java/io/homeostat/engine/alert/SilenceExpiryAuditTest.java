package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A silence that runs out is audited by alerting itself, once, however it was made. */
class SilenceExpiryAuditTest {

    private final ManualClock clock = ManualClock.create();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final Alerting alerting = Alerting.builder(clock.scheduler())
            .receiver(Receiver.of("ops", new RecordingChannel("ops")))
            .route(Route.to("ops").build())
            .audit(audit)
            .build();

    private Silence silence(String service, Instant startsAt, Duration length) {
        return alerting.silence(List.of(Matcher.eq(Labels.SERVICE, service)), startsAt, startsAt.plus(length), "config",
                "nightly batch on " + service);
    }

    private List<AuditRecord> expired() {
        return audit.recent(100).stream().filter(r -> r.action().equals(Alerting.SILENCE_EXPIRED)).toList();
    }

    @Test
    void aSilenceThatRunsOutIsAuditedOnceWhenItEnds() {
        Silence silence = silence("payments", clock.instant(), Duration.ofMinutes(10));

        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(expired()).isEmpty();
        clock.advance(Duration.ofMillis(1));

        assertThat(expired()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("silence:" + silence.id());
            assertThat(r.actor()).isEqualTo(AlertEvent.SYSTEM);
            assertThat(r.time()).isEqualTo(silence.endsAt());
            assertThat(r.reason()).contains("PT10M").contains("nightly batch on payments");
            assertThat(r.evidence()).containsEntry("author", "config")
                    .containsEntry("endsAt", silence.endsAt().toString());
        });
        assertThat(alerting.silences()).isEmpty();
        clock.advance(Duration.ofDays(1));
        assertThat(alerting.silences()).isEmpty();
        assertThat(expired()).hasSize(1);
    }

    @Test
    void aSilenceEndedEarlyIsNotAuditedAsRunOutAndAPendingOneCountsFromItsEnd() {
        Silence ended = silence("orders", clock.instant(), Duration.ofMinutes(10));
        Silence later = silence("search", clock.instant().plus(Duration.ofHours(1)), Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(1));

        assertThat(alerting.expire(ended.id(), "alice")).isTrue();
        clock.advance(Duration.ofMinutes(20));
        assertThat(expired()).isEmpty();

        clock.advance(Duration.ofMinutes(69));
        assertThat(expired()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("silence:" + later.id());
            assertThat(r.time()).isEqualTo(later.endsAt());
        });
    }

    @Test
    void aSilenceAlreadyOverWhenMadeIsAuditedAtOnce() {
        Instant start = clock.instant().minus(Duration.ofHours(2));
        silence("legacy", start, Duration.ofHours(1));

        clock.advance(Duration.ZERO);

        assertThat(expired()).hasSize(1);
    }
}
