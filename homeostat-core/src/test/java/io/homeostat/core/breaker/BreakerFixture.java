package io.homeostat.core.breaker;

import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A breaker on a manual clock that remembers its transitions, and shorthands to drive it. */
final class BreakerFixture {

    static final long FAST = Duration.ofMillis(5).toNanos();

    final ManualClock clock = ManualClock.create();
    final List<CircuitTransition> transitions = new CopyOnWriteArrayList<>();
    final CircuitBreaker breaker;

    BreakerFixture(CircuitBreakerConfig config) {
        this.breaker = CircuitBreaker.builder("db:primary").config(config).clock(clock)
                .onTransition(transitions::add).build();
    }

    long now() {
        return clock.monotonicNanos();
    }

    /** Makes a call that returns "ok"; false if it was rejected. */
    boolean succeed() {
        return call(FAST, "ok");
    }

    /** Makes a call that returns {@code result} after {@code durationNanos}; false if rejected. */
    boolean call(long durationNanos, Object result) {
        if (!breaker.tryAcquirePermission(now())) {
            return false;
        }
        breaker.onResult(now(), durationNanos, result);
        return true;
    }

    /** Makes a call that throws an IOException; false if it was rejected. */
    boolean fail() {
        return fail(new IOException("connection reset"));
    }

    boolean fail(Throwable error) {
        if (!breaker.tryAcquirePermission(now())) {
            return false;
        }
        breaker.onError(now(), FAST, error);
        return true;
    }

    void succeed(int times) {
        for (int i = 0; i < times; i++) {
            succeed();
        }
    }

    void fail(int times) {
        for (int i = 0; i < times; i++) {
            fail();
        }
    }

    CircuitTransition last() {
        return transitions.getLast();
    }

    List<String> reasons() {
        return transitions.stream().map(CircuitTransition::reason).toList();
    }
}
