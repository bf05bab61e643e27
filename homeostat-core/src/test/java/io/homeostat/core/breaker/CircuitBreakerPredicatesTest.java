package io.homeostat.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class CircuitBreakerPredicatesTest {

    @Test
    void ignoredErrorsCountNothing() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder()
                .ignoreException(e -> e instanceof CancellationException).build());

        for (int i = 0; i < 50; i++) {
            f.fail(new CancellationException("caller gave up"));
        }

        assertThat(f.breaker.snapshot()).isEqualTo(WindowSnapshot.EMPTY);
        assertThat(f.breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void ignoredErrorInHalfOpenGivesTheTrialPermitBack() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder().successThreshold(1)
                .ignoreException(e -> e instanceof CancellationException).build());
        f.fail(10);
        f.clock.advance(Duration.ofSeconds(60));

        assertThat(f.fail(new CancellationException("caller gave up"))).isTrue();

        assertThat(f.breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(f.succeed()).as("the permit came back").isTrue();
        assertThat(f.breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void ignoreIsCheckedBeforeRecord() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder()
                .recordException(e -> true).ignoreException(e -> e instanceof IllegalArgumentException).build());

        f.fail(new IllegalArgumentException("bad input"));

        assertThat(f.breaker.snapshot().calls()).isZero();
    }

    @Test
    void errorsTheRecordPredicateRejectsCountAsSuccesses() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder()
                .recordException(e -> e instanceof IOException).build());

        for (int i = 0; i < 20; i++) {
            f.fail(new IllegalStateException("business error"));
        }
        f.fail(new IOException("timeout"));

        assertThat(f.breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(f.breaker.snapshot()).isEqualTo(new WindowSnapshot(21, 1, 0, 1));
    }

    @Test
    void resultsTheResultPredicateAcceptsCountAsFailures() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder()
                .recordResult(r -> r instanceof Integer status && status >= 500).build());

        for (int i = 0; i < 5; i++) {
            f.call(BreakerFixture.FAST, 200);
            f.call(BreakerFixture.FAST, 503);
        }

        assertThat(f.breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(f.last().reason()).isEqualTo("failure rate 50.0% >= 50.0% over 10 calls");
    }

    @Test
    void aPredicateThatThrowsCountsTheCallAsAFailure() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder().recordResult(r -> {
            throw new IllegalStateException("broken predicate");
        }).build());

        f.succeed();

        assertThat(f.breaker.snapshot().failures()).isEqualTo(1);
    }
}
