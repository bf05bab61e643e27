package io.homeostat.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.Durations;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CircuitBreakerConfigTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        CircuitBreakerConfig config = CircuitBreakerConfig.defaults();

        assertThat(config.failureRateThreshold()).isEqualTo(50f);
        assertThat(config.slowCallRateThreshold()).isZero();
        assertThat(config.slowCallCheckEnabled()).isFalse();
        assertThat(config.slowCallDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.minimumNumberOfCalls()).isEqualTo(10);
        assertThat(config.slidingWindowType()).isEqualTo(SlidingWindowType.COUNT_BASED);
        assertThat(config.slidingWindowSize()).isEqualTo(100);
        assertThat(config.consecutiveFailureThreshold()).isZero();
        assertThat(config.successThreshold()).isEqualTo(2);
        assertThat(config.resetTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.openBackoffMultiplier()).isEqualTo(1.0);
        assertThat(config.maxResetTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.recordException().test(new IllegalStateException())).isTrue();
        assertThat(config.ignoreException().test(new IllegalStateException())).isFalse();
        assertThat(config.recordResult().test("anything")).isFalse();
        assertThat(CircuitBreakerConfig.builder().build()).isEqualTo(config);
    }

    @Test
    void consecutiveFailuresModeTurnsTheRateChecksOff() {
        CircuitBreakerConfig config = CircuitBreakerConfig.consecutiveFailures(5);

        assertThat(config.consecutiveFailureThreshold()).isEqualTo(5);
        assertThat(config.failureRateThreshold()).isZero();
        assertThat(config.slowCallRateThreshold()).isZero();
        assertThat(config.slowCallCheckEnabled()).isFalse();
        assertThatThrownBy(() -> CircuitBreakerConfig.consecutiveFailures(0))
                .hasMessage("consecutiveFailureThreshold must be at least 1, was 0");
    }

    @Test
    void openWaitGrowsByTheMultiplierUpToTheCap() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder()
                .resetTimeout(Duration.ofSeconds(10)).openBackoff(2.0, Duration.ofSeconds(60)).build();

        assertThat(config.openWait(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.openWait(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.openWait(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(config.openWait(4)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.openWait(1000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void maxResetTimeoutDefaultsToTheResetTimeoutWhenThatIsLonger() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().resetTimeout(Duration.ofHours(1)).build();

        assertThat(config.maxResetTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.toBuilder().resetTimeout(Duration.ofSeconds(5)).build().maxResetTimeout())
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void toBuilderKeepsEveryField() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().failureRateThreshold(25)
                .slidingWindow(SlidingWindowType.TIME_BASED, 30).successThreshold(3)
                .openBackoff(1.5, Duration.ofMinutes(5)).build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheField() {
        assertRejected(b -> b.failureRateThreshold(101),
                "failureRateThreshold must be a percentage between 0 and 100 (0 turns the check off), was 101.0");
        assertRejected(b -> b.failureRateThreshold(Float.NaN),
                "failureRateThreshold must be a percentage between 0 and 100 (0 turns the check off), was NaN");
        assertRejected(b -> b.slowCallRateThreshold(-1),
                "slowCallRateThreshold must be a percentage between 0 and 100 (0 turns the check off), was -1.0");
        assertRejected(b -> b.slowCallDuration(Duration.ZERO), "slowCallDuration must be positive, was PT0S");
        assertRejected(b -> b.minimumNumberOfCalls(0), "minimumNumberOfCalls must be at least 1, was 0");
        assertRejected(b -> b.slidingWindow(SlidingWindowType.COUNT_BASED, 0),
                "slidingWindowSize must be at least 1, was 0");
        assertRejected(b -> b.slidingWindow(SlidingWindowType.COUNT_BASED, 1_000_001),
                "slidingWindowSize must be at most 1000000 for a COUNT_BASED window, was 1000001");
        assertRejected(b -> b.slidingWindow(SlidingWindowType.TIME_BASED, 3601),
                "slidingWindowSize must be at most 3600 for a TIME_BASED window, was 3601");
        assertRejected(b -> b.slidingWindow(SlidingWindowType.COUNT_BASED, 5),
                "minimumNumberOfCalls (10) must not exceed slidingWindowSize (5) of a COUNT_BASED window,"
                        + " or the rate checks could never apply");
        assertRejected(b -> b.consecutiveFailureThreshold(-1), "consecutiveFailureThreshold must be at least 0, was -1");
        assertRejected(b -> b.failureRateThreshold(0).slowCallRateThreshold(0),
                "failureRateThreshold, slowCallRateThreshold and consecutiveFailureThreshold are all 0 (off):"
                        + " the breaker could never open");
        assertRejected(b -> b.successThreshold(0), "successThreshold must be at least 1, was 0");
        assertRejected(b -> b.resetTimeout(Duration.ofSeconds(-1)), "resetTimeout must be positive, was PT-1S");
        assertRejected(b -> b.openBackoff(0.5, Duration.ofMinutes(5)),
                "openBackoffMultiplier must be a finite number >= 1.0, was 0.5");
        assertRejected(b -> b.openBackoff(Double.POSITIVE_INFINITY, Duration.ofMinutes(5)),
                "openBackoffMultiplier must be a finite number >= 1.0, was Infinity");
        assertRejected(b -> b.openBackoff(2, Duration.ofSeconds(10)),
                "maxResetTimeout (PT10S) must not be shorter than resetTimeout (PT1M)");
    }

    @Test
    void rejectsNullFieldsNamingThem() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().slidingWindow(null, 10).build())
                .isInstanceOf(NullPointerException.class).hasMessage("slidingWindowType");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().recordResult(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("recordResult");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().resetTimeout(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("resetTimeout");
    }

    private static void assertRejected(UnaryOperator<CircuitBreakerConfigBuilder> change, String message) {
        assertThatThrownBy(() -> change.apply(CircuitBreakerConfig.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void durationsOfCenturiesAreRefusedWithTheirNameInsteadOfOverflowingOnTheFirstCall() {
        Duration centuries = Duration.ofDays(365L * 300);
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().resetTimeout(centuries).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resetTimeout must be at most");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().slowCallDuration(centuries).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowCallDuration must be at most");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().openBackoff(2.0, centuries).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxResetTimeout must be at most");

        CircuitBreakerConfig longest = CircuitBreakerConfig.builder().resetTimeout(Durations.LONGEST).build();
        assertThat(longest.openWait(1)).isEqualTo(Durations.LONGEST);
    }
}
