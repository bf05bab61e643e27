package io.homeostat.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static long[] millis(Backoff backoff, int attempts) {
        return IntStream.rangeClosed(1, attempts).mapToLong(a -> backoff.delayNanos(a) / 1_000_000L).toArray();
    }

    @Test
    void fixedWaitsTheSameAfterEveryAttempt() {
        assertThat(millis(Backoff.fixed(Duration.ofMillis(250)), 4)).containsExactly(250, 250, 250, 250);
    }

    @Test
    void linearGrowsByTheIncrementUpToTheCap() {
        Backoff linear = Backoff.linear(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(600));

        assertThat(millis(linear, 6)).containsExactly(100, 300, 500, 600, 600, 600);
    }

    @Test
    void defaultExponentialDoublesFromOneSecondUpToThirtySeconds() {
        assertThat(millis(Backoff.exponential(), 8)).containsExactly(1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000);
    }

    @Test
    void exponentialTakesAnyFactorOfAtLeastOne() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), 1.5, Duration.ofSeconds(1));

        assertThat(millis(backoff, 7)).containsExactly(100, 150, 225, 337, 506, 759, 1000);
    }

    @Test
    void hugeAttemptNumbersStayAtTheCapWithoutOverflow() {
        Backoff exponential = Backoff.exponential(Duration.ofSeconds(1), 10.0, Duration.ofDays(365));
        Backoff linear = Backoff.linear(Duration.ZERO, Duration.ofDays(1000), Duration.ofDays(3000));

        assertThat(exponential.delayNanos(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(365).toNanos());
        assertThat(linear.delayNanos(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(3000).toNanos());
    }

    @Test
    void rejectsAttemptsBelowOne() {
        assertThatThrownBy(() -> Backoff.exponential().delayNanos(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failedAttempt must be at least 1, was 0");
    }

    @Test
    void rejectsBadParametersWithClearMessages() {
        assertThatThrownBy(() -> Backoff.fixed(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delay must not be negative, was PT-0.001S");
        assertThatThrownBy(() -> Backoff.linear(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cap must be at least initial (PT2S), was PT1S");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, 2.0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("base must be positive, was PT0S");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("factor must be a finite number of at least 1, was 0.5");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cap must be at least base (PT2S), was PT1S");
        assertThatThrownBy(() -> Backoff.fixed(null)).isInstanceOf(NullPointerException.class);
    }
}
