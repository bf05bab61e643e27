package io.homeostat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.fallback.Fallback;
import io.homeostat.core.fallback.Served;
import io.homeostat.core.retry.Retry;
import io.homeostat.core.retry.RetryBudget;
import io.homeostat.core.time.ManualClock;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a guard's timeout and retry budget bound, and what they do not, as {@link GuardBuilder#timeout}
 * and {@link ErrorCategory#REJECTED} document it.
 */
class GuardBoundsTest {

    private final ManualClock clock = ManualClock.create();

    @Test
    void aRetryTheBudgetRefusesEndsTheCallWithTheLastErrorNotARejection() {
        Retry retry = Retry.builder().maxAttempts(3).budget(new RetryBudget(0.0, Duration.ofSeconds(10), 0)).build();
        Guard guard = Guard.builder("dep").clock(clock).retry(retry).build();
        AtomicInteger attempts = new AtomicInteger();
        ConnectException refused = new ConnectException("connection refused");

        assertThatThrownBy(() -> guard.call(() -> {
            attempts.incrementAndGet();
            throw refused;
        })).isInstanceOfSatisfying(CallFailedException.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION_REFUSED);
            assertThat(e.getCause()).isSameAs(refused);
        });

        assertThat(attempts).hasValue(1);
        assertThat(guard.retry().orElseThrow().retriesRejectedByBudget()).isEqualTo(1);
    }

    @Test
    void theTimeoutBoundsThePrimaryPathButNotTheFallbackTiers() {
        Guard guard = Guard.builder("dep").clock(clock).timeout(Duration.ofSeconds(1)).build();
        Fallback<String> fallback = Fallback.<String>builder(clock).alternative("slow-backup", () -> {
            clock.advance(Duration.ofSeconds(5)); // five times the guard's timeout
            return "from backup";
        }).build();
        long start = clock.monotonicNanos();

        Served<String> served = guard.execute(CallContext.DEFAULT, () -> {
            throw new ConnectException("connection refused");
        }, fallback);

        assertThat(served.value()).isEqualTo("from backup");
        assertThat(Duration.ofNanos(clock.monotonicNanos() - start)).isEqualTo(Duration.ofSeconds(5));
    }
}
