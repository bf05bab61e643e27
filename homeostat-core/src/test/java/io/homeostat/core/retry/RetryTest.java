package io.homeostat.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.classify.ErrorCategory;
import java.io.IOException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryTest {

    private static final long SECOND = 1_000_000_000L;

    private static RetryConfig.Builder<Retry> noJitter() {
        return Retry.builder().jitter(Jitter.NONE).budget(RetryBudget.unlimited());
    }

    @Test
    void waitsByTheBackoffUntilAttemptsAreUsedUp() {
        Retry retry = noJitter().maxAttempts(4).build();

        assertThat(retry.delayNanos(1, 0)).isEqualTo(SECOND);
        assertThat(retry.delayNanos(2, 0)).isEqualTo(2 * SECOND);
        assertThat(retry.delayNanos(3, 0)).isEqualTo(4 * SECOND);
        assertThat(retry.delayNanos(4, 0)).isEqualTo(Retry.NO_RETRY);
        assertThat(retry.retries()).isEqualTo(3);
    }

    @Test
    void oneAttemptMeansNoRetry() {
        Retry retry = noJitter().maxAttempts(1).build();

        assertThat(retry.delayNanos(1, 0)).isEqualTo(Retry.NO_RETRY);
        assertThat(retry.retries()).isZero();
    }

    @Test
    void rejectsAttemptNumbersBelowOne() {
        assertThatThrownBy(() -> Retry.ofDefaults().delayNanos(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failedAttempt must be at least 1, was 0");
    }

    @Test
    void fullJitterStaysWithinZeroAndTheComputedWait() {
        SplittableRandom seeded = new SplittableRandom(2026);
        Retry retry = Retry.builder().maxAttempts(8).budget(RetryBudget.unlimited()).random(() -> seeded).build();
        long spread = 0;

        for (int round = 0; round < 2_000; round++) {
            for (int attempt = 1; attempt < 8; attempt++) {
                long computed = Backoff.exponential().delayNanos(attempt);
                long delay = retry.delayNanos(attempt, 0);
                assertThat(delay).isBetween(0L, computed);
                spread = Math.max(spread, delay);
            }
        }
        assertThat(spread).isGreaterThan(29 * SECOND);
    }

    @Test
    void fullJitterIsDeterministicWithASeededSource() {
        long[] first = delays(new SplittableRandom(7));
        long[] second = delays(new SplittableRandom(7));
        long[] other = delays(new SplittableRandom(8));

        assertThat(first).containsExactly(second);
        assertThat(first).isNotEqualTo(other);
    }

    private static long[] delays(RandomGenerator seeded) {
        Retry retry = Retry.builder().maxAttempts(6).budget(RetryBudget.unlimited()).random(() -> seeded).build();
        long[] delays = new long[5];
        for (int attempt = 1; attempt <= 5; attempt++) {
            delays[attempt - 1] = retry.delayNanos(attempt, 0);
        }
        return delays;
    }

    @Test
    void adviceReplacesTheComputedWaitBeforeJitter() {
        Retry retry = noJitter().delayAdvisor((attempt, computed) -> attempt == 1 ? 5 * SECOND : computed / 2).build();

        assertThat(retry.delayNanos(1, 0)).isEqualTo(5 * SECOND);
        assertThat(retry.delayNanos(2, 0)).isEqualTo(SECOND);
    }

    @Test
    void negativeOrFailingAdviceFallsBackToTheComputedWait() {
        Retry negative = noJitter().delayAdvisor((attempt, computed) -> -1).build();
        Retry failing = noJitter().delayAdvisor((attempt, computed) -> {
            throw new IllegalStateException("model not loaded");
        }).build();

        assertThat(negative.delayNanos(1, 0)).isEqualTo(SECOND);
        assertThat(failing.delayNanos(2, 0)).isEqualTo(2 * SECOND);
    }

    @Test
    void retriesErrorsByPredicateExceptNonRetryableCategories() {
        Retry retry = Retry.builder().retryOn(error -> error instanceof IOException).build();

        assertThat(retry.retryOnError(new IOException("reset"), ErrorCategory.CONNECTION_REFUSED)).isTrue();
        assertThat(retry.retryOnError(new IllegalArgumentException("bug"), ErrorCategory.UNKNOWN)).isFalse();
        assertThat(retry.retryOnError(new IOException("quota"), ErrorCategory.QUOTA_EXCEEDED)).isFalse();
        assertThat(retry.retryOnError(new IOException("open"), ErrorCategory.REJECTED)).isFalse();
        assertThat(retry.retryOnError(new IOException("?"), null)).isTrue();
    }

    @Test
    void nonRetryableCategoriesAreConfigurable() {
        Retry retry = Retry.builder().nonRetryable(java.util.EnumSet.of(ErrorCategory.DNS_ERROR)).build();

        assertThat(retry.retryOnError(new RuntimeException(), ErrorCategory.DNS_ERROR)).isFalse();
        assertThat(retry.retryOnError(new RuntimeException(), ErrorCategory.QUOTA_EXCEEDED)).isTrue();
    }

    @Test
    void retriesResultsByPredicateOnlyWhenAsked() {
        Retry defaults = Retry.ofDefaults();
        Retry onEmpty = Retry.builder().retryOnResult(result -> result == null || "".equals(result)).build();

        assertThat(defaults.retryOnResult("")).isFalse();
        assertThat(defaults.retryOnResult(null)).isFalse();
        assertThat(onEmpty.retryOnResult("")).isTrue();
        assertThat(onEmpty.retryOnResult(null)).isTrue();
        assertThat(onEmpty.retryOnResult("answer")).isFalse();
    }

    @Test
    void waitsAreTakenFromTheConfiguredFixedOrLinearBackoff() {
        Retry fixed = noJitter().maxAttempts(5).backoff(Backoff.fixed(Duration.ofMillis(300))).build();
        Retry linear = noJitter().maxAttempts(5)
                .backoff(Backoff.linear(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(250))).build();

        assertThat(fixed.delayNanos(4, 0)).isEqualTo(300_000_000L);
        assertThat(linear.delayNanos(1, 0)).isEqualTo(100_000_000L);
        assertThat(linear.delayNanos(4, 0)).isEqualTo(250_000_000L);
    }
}
