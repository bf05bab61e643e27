package io.homeostat.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sign-in limiter on a manual clock: per address, a sliding minute. */
class LoginLimiterTest {

    private final ManualClock clock = ManualClock.create();
    private final LoginLimiter limiter = LoginLimiter.defaults(clock);

    @Test
    void limitsAnAddressAfterFiveFailuresUntilTheOldestIsAMinuteOld() {
        for (int i = 0; i < 4; i++) {
            limiter.failed("10.0.0.1");
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(limiter.retryAfter("10.0.0.1")).as("four failures").isEmpty();
        limiter.failed("10.0.0.1");
        assertThat(limiter.retryAfter("10.0.0.1")).contains(Duration.ofSeconds(20));
        assertThat(limiter.retryAfter("10.0.0.2")).as("another address").isEmpty();
        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.retryAfter("10.0.0.1")).isEmpty();
    }

    @Test
    void theWindowSlides() {
        int at = 0;
        for (int second : new int[] {0, 15, 30, 45, 55}) {
            clock.advance(Duration.ofSeconds(second - at));
            at = second;
            limiter.failed("10.0.0.1");
        }
        assertThat(limiter.retryAfter("10.0.0.1")).contains(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertThat(limiter.retryAfter("10.0.0.1")).as("four failures in the last minute").isEmpty();
        limiter.failed("10.0.0.1");
        assertThat(limiter.retryAfter("10.0.0.1")).as("until the one at 15 s is a minute old")
                .contains(Duration.ofSeconds(15));
    }

    @Test
    void rejectsSettingsThatLimitNothing() {
        assertThatThrownBy(() -> new LoginLimiter(clock, 0, Duration.ofMinutes(1))).hasMessageContaining("maxFailures");
        assertThatThrownBy(() -> new LoginLimiter(clock, 5, Duration.ZERO)).hasMessageContaining("window");
    }
}
