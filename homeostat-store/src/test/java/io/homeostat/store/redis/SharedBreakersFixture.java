package io.homeostat.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitBreakerBuilder;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.SlidingWindowType;
import io.homeostat.core.time.ManualClock;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/** Application instances (each a {@link SharedBreakers} on its own connection) sharing breaker "db", on one manual clock. */
@Timeout(60)
abstract class SharedBreakersFixture {

    static final CircuitBreakerConfig CONFIG = CircuitBreakerConfig.builder()
            .slidingWindow(SlidingWindowType.COUNT_BASED, 10).minimumNumberOfCalls(10).failureRateThreshold(50)
            .successThreshold(1).resetTimeout(Duration.ofSeconds(30)).build();

    final ManualClock clock = ManualClock.create();
    final RedisFixture redis = new RedisFixture();
    final List<SharedBreakers> instances = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        instances.forEach(SharedBreakers::close);
        redis.close();
    }

    SharedBreakers instance(StatefulRedisConnection<String, String> connection) {
        SharedBreakers shared = SharedBreakers.builder(connection).keyspace(redis.keyspace())
                .scheduler(clock.scheduler()).syncInterval(Duration.ofSeconds(1)).build();
        instances.add(shared);
        return shared;
    }

    CircuitBreakerBuilder db() {
        return CircuitBreaker.builder("db").config(CONFIG).clock(clock);
    }

    /** Calls that all fail, as a guard would report them. */
    void fail(CircuitBreaker breaker, int calls) {
        for (int i = 0; i < calls; i++) {
            if (breaker.tryAcquirePermission(clock.monotonicNanos())) {
                breaker.onError(clock.monotonicNanos(), 1_000_000, new IOException("refused"));
            }
        }
    }

    void succeed(CircuitBreaker breaker) {
        assertThat(breaker.tryAcquirePermission(clock.monotonicNanos())).isTrue();
        breaker.onResult(clock.monotonicNanos(), 1_000_000, "ok");
    }
}
