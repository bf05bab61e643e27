package io.homeostat.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentSignalsTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T14:00:00Z"));
    private final Trouble trouble = new Trouble(clock);

    @Test
    void keepsOnlyTheLatestFactsOfAService() {
        RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults().withFactsPerService(4), clock);
        for (int i = 0; i < 10; i++) {
            recent.observe(trouble.failure("db", ErrorCategory.TIMEOUT, "java.sql.SQLTimeoutException", "query " + i));
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(recent.facts("db")).extracting(Fact::message).containsExactly("query 6", "query 7", "query 8", "query 9");
        assertThat(recent.failingSince("db")).contains(Instant.parse("2026-03-02T14:00:00Z"));
    }

    @Test
    void forgetsTheServiceHeardFromLeastRecentlyPastTheBound() {
        RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults().withMaxServices(2), clock);
        recent.observe(trouble.failure("a", ErrorCategory.TIMEOUT, "t", "m"));
        recent.observe(trouble.failure("b", ErrorCategory.TIMEOUT, "t", "m"));
        recent.observe(trouble.failure("a", ErrorCategory.TIMEOUT, "t", "again"));
        recent.observe(trouble.failure("c", ErrorCategory.TIMEOUT, "t", "m"));

        assertThat(recent.services()).containsExactly("a", "c");
        assertThat(recent.facts("b")).isEmpty();
        assertThat(recent.failingSince("b")).isEmpty();
    }

    @Test
    void factsRatesAndEpisodesOlderThanTheWindowReadAsAbsent() {
        RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults().withWindow(Duration.ofMinutes(5)), clock);
        recent.observe(trouble.failure("db", ErrorCategory.TIMEOUT, "t", "m"));
        recent.observe(trouble.callsRate("db", 40));
        recent.observe(trouble.success("db"));

        clock.advance(Duration.ofMinutes(5).plusMillis(1));

        assertThat(recent.facts("db")).isEmpty();
        assertThat(recent.failingSince("db")).isEmpty();
        assertThat(recent.callsRate("db")).isEmpty();
    }

    @Test
    void aFailureAfterAQuietGapStartsANewEpisode() {
        RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults(), clock);
        recent.observe(trouble.failure("db", ErrorCategory.TIMEOUT, "t", "first burst"));
        clock.advance(Duration.ofMinutes(1));
        recent.observe(trouble.failure("db", ErrorCategory.TIMEOUT, "t", "same burst"));
        assertThat(recent.failingSince("db")).contains(Instant.parse("2026-03-02T14:00:00Z"));

        clock.advance(Duration.ofMinutes(3));
        recent.observe(trouble.failure("db", ErrorCategory.TIMEOUT, "t", "second burst"));

        assertThat(recent.failingSince("db")).contains(Instant.parse("2026-03-02T14:04:00Z"));
    }

    @Test
    void countsOutcomesKeepsTheLastCallsRateAndIgnoresOtherMetrics() {
        RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults(), clock);
        recent.observe(trouble.success("api"));
        recent.observe(trouble.outcome("api", OperationOutcome.Status.FAILURE, ErrorCategory.UNKNOWN, Duration.ofMillis(3)));
        recent.observe(trouble.callsRate("api", 12));
        recent.observe(trouble.callsRate("api", 30));
        recent.observe(new MetricSample("api", "latency.p95", 80, clock.instant(), Map.of()));

        assertThat(recent.outcomes("api")).isEqualTo(2);
        assertThat(recent.callsRate("api")).hasValue(30);
        assertThat(recent.facts("api")).singleElement().extracting(Fact::kind).isEqualTo(Fact.Kind.OUTCOME);
    }

    @Test
    void readsFromASignalBus() throws Exception {
        RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults(), clock);
        try (InProcessSignalBus bus = InProcessSignalBus.manual(); AutoCloseable subscription = recent.attach(bus)) {
            bus.publish(trouble.failure("db", ErrorCategory.TIMEOUT, "t", "over the bus"));
            bus.drain();
        }

        assertThat(recent.facts("db")).extracting(Fact::message).containsExactly("over the bus");
    }

    @Test
    void aConfigThatCannotWorkIsRejected() {
        assertThatThrownBy(() -> new RecentSignalsConfig(Duration.ZERO, 1, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> RecentSignalsConfig.ofDefaults().withFactsPerService(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factsPerService");
        assertThatThrownBy(() -> RecentSignalsConfig.ofDefaults().withMaxServices(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxServices");
    }
}
