package io.homeostat.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two application instances share breaker "db" through Redis. */
class SharedBreakersTest extends SharedBreakersFixture {

    @Test
    void aTripInOneInstanceOpensTheOtherAndARecoveryClosesBoth() {
        SharedBreakers first = instance(redis.connect());
        SharedBreakers second = instance(redis.connect());
        CircuitBreaker a = first.register(db());
        CircuitBreaker b = second.register(db());

        fail(a, 10);
        assertThat(a.state()).isEqualTo(CircuitState.OPEN);
        assertThat(first.sync()).isTrue();
        assertThat(second.sync()).isTrue();

        assertThat(b.state()).isEqualTo(CircuitState.OPEN);
        assertThat(b.tryAcquirePermission(clock.monotonicNanos())).as("b rejects calls it never saw fail").isFalse();
        assertThat(second.version("db")).isEqualTo(first.version("db")).isPresent();

        clock.advance(Duration.ofSeconds(31)); // past the open wait; the periodic syncs run too
        succeed(b); // b's trial call succeeds: HALF_OPEN, then CLOSED
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            second.sync();
            first.sync();
            return a.state() == CircuitState.CLOSED;
        });
        assertThat(a.tryAcquirePermission(clock.monotonicNanos())).isTrue();
    }

    @Test
    void anInstanceStartedLaterStartsFromTheSharedState() {
        SharedBreakers first = instance(redis.connect());
        CircuitBreaker a = first.register(db());
        fail(a, 10);
        first.sync();

        CircuitBreaker late = instance(redis.connect()).register(db());

        assertThat(late.state()).isEqualTo(CircuitState.OPEN);
        assertThat(late.exportState().nextRetryAt()).isEqualTo(a.exportState().nextRetryAt());
    }

    @Test
    void theFirstOfTwoConcurrentChangesWinsAndBothEndTheSame() {
        SharedBreakers first = instance(redis.connect());
        SharedBreakers second = instance(redis.connect());
        CircuitBreaker a = first.register(db());
        CircuitBreaker b = second.register(db());

        a.forceOpen("maintenance");
        b.disable("debugging");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            first.sync();
            second.sync();
            return a.state() == b.state();
        });

        assertThat(a.state()).isIn(CircuitState.FORCED_OPEN, CircuitState.DISABLED);
        assertThat(first.conflicts() + second.conflicts()).as("the loser imported the winner's state").isEqualTo(1);
        assertThat(first.version("db")).isEqualTo(second.version("db"));
    }

    @Test
    void keysAreWrittenAgainWhenRedisLostThem() {
        SharedBreakers first = instance(redis.connect());
        CircuitBreaker a = first.register(db());
        fail(a, 10);
        first.sync();
        redis.connect().sync().del(redis.keyspace().key("breaker", "db"));

        assertThat(first.sync()).isTrue();

        CircuitBreaker late = instance(redis.connect()).register(db());
        assertThat(late.state()).isEqualTo(CircuitState.OPEN);
    }
}
