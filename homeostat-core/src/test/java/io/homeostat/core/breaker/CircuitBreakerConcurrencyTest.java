package io.homeostat.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakerConcurrencyTest {

    private static final int THREADS = 16;
    private static final int TRIALS = 3;
    private static final int ROUNDS = 300;

    @Test
    void halfOpenAdmitsExactlyTheTrialsWhenManyThreadsRace() throws Exception {
        ManualClock clock = ManualClock.create();
        List<CircuitTransition> transitions = new CopyOnWriteArrayList<>();
        CircuitBreaker breaker = CircuitBreaker.builder("racy").clock(clock).onTransition(transitions::add)
                .config(CircuitBreakerConfig.builder().failureRateThreshold(0).consecutiveFailureThreshold(1)
                        .successThreshold(TRIALS).resetTimeout(Duration.ofSeconds(1)).build())
                .build();
        breaker.forceOpen("start");
        breaker.reset("start");
        openIt(breaker, clock);

        CyclicBarrier barrier = new CyclicBarrier(THREADS + 1);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger round = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int r = 0; r < ROUNDS; r++) {
                        barrier.await(10, TimeUnit.SECONDS); // race for permits
                        boolean mine = breaker.tryAcquirePermission(clock.monotonicNanos());
                        if (mine) {
                            admitted.incrementAndGet();
                        }
                        barrier.await(10, TimeUnit.SECONDS); // everyone has asked
                        barrier.await(10, TimeUnit.SECONDS); // the main thread has counted
                        if (mine && round.get() % 2 == 0) {
                            breaker.onResult(clock.monotonicNanos(), 1, "ok");
                        } else if (mine) {
                            breaker.onError(clock.monotonicNanos(), 1, new IOException("still down"));
                        }
                        barrier.await(10, TimeUnit.SECONDS); // everyone has reported
                    }
                    return null;
                }));
            }
            for (int r = 0; r < ROUNDS; r++) {
                clock.advance(Duration.ofSeconds(1));
                admitted.set(0);
                int before = transitions.size();
                round.set(r);
                barrier.await(10, TimeUnit.SECONDS);
                barrier.await(10, TimeUnit.SECONDS);
                assertThat(admitted.get()).as("round %d", r).isEqualTo(TRIALS);
                assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
                barrier.await(10, TimeUnit.SECONDS);
                barrier.await(10, TimeUnit.SECONDS);

                List<CircuitTransition> made = transitions.subList(before, transitions.size());
                CircuitState expected = r % 2 == 0 ? CircuitState.CLOSED : CircuitState.OPEN;
                assertThat(made).as("round %d", r).extracting(CircuitTransition::to)
                        .containsExactly(CircuitState.HALF_OPEN, expected);
                assertThat(breaker.state()).isEqualTo(expected);
                if (expected == CircuitState.CLOSED) {
                    openIt(breaker, clock);
                }
            }
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(breaker.rejectedCalls()).isEqualTo((long) ROUNDS * (THREADS - TRIALS));
    }

    @Test
    void concurrentOutcomesAddUpExactlyInACountWindowThatHoldsThemAll() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        ManualClock clock = ManualClock.create();
        CircuitBreaker breaker = CircuitBreaker.builder("busy").clock(clock)
                .config(CircuitBreakerConfig.builder().slowCallDuration(Duration.ofMillis(100))
                        .slidingWindow(SlidingWindowType.COUNT_BASED, threads * perThread).build())
                .build();
        long slow = Duration.ofMillis(100).toNanos();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < perThread; i++) {
                        long now = clock.monotonicNanos();
                        breaker.tryAcquirePermission(now);
                        long duration = i % 7 == thread % 7 ? slow : 1;
                        if (i % 10 == thread % 10) {
                            breaker.onError(now, duration, new IOException("boom"));
                        } else {
                            breaker.onResult(now, duration, "ok");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int failures = 0;
        int slowCalls = 0;
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                failures += i % 10 == t % 10 ? 1 : 0;
                slowCalls += i % 7 == t % 7 ? 1 : 0;
            }
        }
        WindowSnapshot snapshot = breaker.snapshot();
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(snapshot.calls()).isEqualTo(threads * perThread);
        assertThat(snapshot.failures()).isEqualTo(failures);
        assertThat(snapshot.slowCalls()).isEqualTo(slowCalls);
    }

    private static void openIt(CircuitBreaker breaker, ManualClock clock) {
        assertThat(breaker.tryAcquirePermission(clock.monotonicNanos())).isTrue();
        breaker.onError(clock.monotonicNanos(), 1, new IOException("down"));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }
}
