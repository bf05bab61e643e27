package io.homeostat.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.classify.ErrorCategory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryConfigTest {

    @Test
    void defaultsAreThreeAttemptsExponentialFullJitterAndABudget() {
        RetryConfig config = RetryConfig.ofDefaults();

        assertThat(config.maxAttempts()).isEqualTo(3);
        assertThat(config.backoff()).isEqualTo(Backoff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30)));
        assertThat(config.jitter()).isEqualTo(Jitter.FULL);
        assertThat(config.nonRetryable()).containsExactlyInAnyOrder(ErrorCategory.QUOTA_EXCEEDED, ErrorCategory.REJECTED);
        assertThat(config.budget()).isEqualTo(new RetryBudget(0.2, Duration.ofSeconds(10), 10));
        assertThat(config.retryOn().test(new RuntimeException())).isTrue();
        assertThat(config.retryOnResult().test(null)).isFalse();
        assertThat(config.delayAdvisor().adviseNanos(1, 42)).isEqualTo(42);
    }

    @Test
    void nonRetryableIsCopiedAndUnmodifiable() {
        Set<ErrorCategory> categories = EnumSet.of(ErrorCategory.DNS_ERROR);
        RetryConfig config = RetryConfig.builder().nonRetryable(categories).build();
        categories.add(ErrorCategory.TIMEOUT);

        assertThat(config.nonRetryable()).containsExactly(ErrorCategory.DNS_ERROR);
        assertThatThrownBy(() -> config.nonRetryable().add(ErrorCategory.TIMEOUT))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(RetryConfig.builder().nonRetryable(Set.of()).build().nonRetryable()).isEmpty();
    }

    @Test
    void retryBuilderBuildsARetryFromTheSameSetters() {
        Retry retry = Retry.builder().maxAttempts(5).build();

        assertThat(retry.maxAttempts()).isEqualTo(5);
        assertThat(Retry.ofDefaults().maxAttempts()).isEqualTo(3);
    }

    @Test
    void rejectsBadConfigurationWithClearMessages() {
        assertThatThrownBy(() -> RetryConfig.builder().maxAttempts(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be at least 1, was 0");
        assertThatThrownBy(() -> RetryConfig.builder().backoff(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("backoff");
        assertThatThrownBy(() -> RetryConfig.builder().random(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("random");
        Set<ErrorCategory> withNull = new java.util.HashSet<>();
        withNull.add(null);
        assertThatThrownBy(() -> RetryConfig.builder().nonRetryable(withNull).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("nonRetryable category");
        assertThatThrownBy(() -> Retry.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void budgetRejectsBadValuesRatherThanClampingThem() {
        assertThatThrownBy(() -> new RetryBudget(-0.1, Duration.ofSeconds(10), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ratio must be zero or positive, was -0.1");
        assertThatThrownBy(() -> new RetryBudget(Double.NaN, Duration.ofSeconds(10), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBudget(0.2, Duration.ofMillis(50), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window must be at least PT0.1S, was PT0.05S");
        assertThatThrownBy(() -> new RetryBudget(0.2, Duration.ofSeconds(10), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minRetriesPerSecond must not be negative, was -1");
    }

    @Test
    void budgetReserveIsMinRetriesPerSecondOverTheWindow() {
        assertThat(RetryBudget.ofDefaults().reserve()).isEqualTo(100);
        assertThat(new RetryBudget(0.2, Duration.ofMillis(500), 10).reserve()).isEqualTo(5);
        assertThat(RetryBudget.ofDefaults().limits()).isTrue();
        assertThat(RetryBudget.unlimited().limits()).isFalse();
    }
}
