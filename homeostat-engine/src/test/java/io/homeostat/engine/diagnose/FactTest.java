package io.homeostat.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T14:00:00Z"));
    private final Trouble trouble = new Trouble(clock);

    @Test
    void theHttpStatusComesFromTheTagOrAnHttpErrorType() {
        Fact tagged = Fact.of(trouble.failure("api", ErrorCategory.UNAVAILABLE, "x.HttpStatusException", "bad",
                Map.of(Fact.HTTP_STATUS_TAG, "503"))).orElseThrow();
        Fact typed = Fact.of(trouble.failure("api", ErrorCategory.RATE_LIMIT, "http.429", "slow down")).orElseThrow();
        Fact neither = Fact.of(trouble.failure("api", ErrorCategory.UNKNOWN, "http.abc", "odd",
                Map.of(Fact.HTTP_STATUS_TAG, "99"))).orElseThrow();

        assertThat(tagged.httpStatus()).hasValue(503);
        assertThat(typed.httpStatus()).hasValue(429);
        assertThat(neither.httpStatus()).isEmpty();
    }

    @Test
    void onlySignalsOfTroubleAreFacts() {
        assertThat(Fact.of(trouble.success("api"))).isEmpty();
        assertThat(Fact.of(trouble.callsRate("api", 3))).isEmpty();
        assertThat(Fact.of(trouble.circuitOpened("api"))).get().extracting(Fact::kind).isEqualTo(Fact.Kind.CIRCUIT);
        assertThat(Fact.of(trouble.unhealthy("api", "ping"))).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Fact.Kind.HEALTH);
            assertThat(f.metric()).isEqualTo("ping");
            assertThat(f.message()).contains("ping failed");
        });
    }

    @Test
    void aFailedOutcomeCarriesItsLatencyAndALatencyDetectionItsValue() {
        Fact slow = Fact.of(trouble.outcome("api", OperationOutcome.Status.TIMEOUT, ErrorCategory.TIMEOUT,
                Duration.ofMillis(2500))).orElseThrow();
        Fact detected = Fact.of(trouble.threshold("api", "latency.p95", "latency", 1800, Severity.MEDIUM));
        Fact errors = Fact.of(trouble.threshold("api", "error.rate", "errors", 0.3, Severity.HIGH));

        assertThat(slow.latencyMillis()).hasValue(2500);
        assertThat(slow.errorType()).isEqualTo("outcome.timeout");
        assertThat(slow.describe()).contains("outcome api outcome.timeout latency=2500ms");
        assertThat(detected.latencyMillis()).hasValue(1800);
        assertThat(detected.detectionCategory()).isEqualTo("latency");
        assertThat(errors.latencyMillis()).isEmpty();
    }
}
