package io.homeostat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.bulkhead.Bulkhead;
import io.homeostat.core.classify.HttpStatusException;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.record.OperationSnapshot;
import io.homeostat.core.retry.Backoff;
import io.homeostat.core.retry.Jitter;
import io.homeostat.core.retry.Retry;
import io.homeostat.core.retry.RetryBudget;
import io.homeostat.core.time.Durations;
import io.homeostat.core.time.ManualClock;
import io.homeostat.core.time.Scheduler;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuardTest {

    private final ManualClock clock = ManualClock.create();

    private Retry retry(int attempts, Duration delay) {
        return Retry.builder().maxAttempts(attempts).backoff(Backoff.fixed(delay)).jitter(Jitter.NONE)
                .budget(RetryBudget.unlimited()).build();
    }

    private CircuitBreaker breaker(int consecutiveFailures) {
        return CircuitBreaker.builder("dep").clock(clock)
                .config(CircuitBreakerConfig.consecutiveFailures(consecutiveFailures)).build();
    }

    @Test
    void successPassesThroughAndIsRecorded() {
        Guard guard = Guard.builder("dep").clock(clock).circuitBreaker(breaker(5)).retry(retry(3, Duration.ofSeconds(1))).build();

        String result = guard.call(() -> {
            clock.advanceMillis(12);
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        OperationSnapshot snapshot = guard.snapshot();
        assertThat(snapshot.successes()).isEqualTo(1);
        assertThat(snapshot.p50Nanos()).isBetween(10_000_000L, 14_000_000L);
    }

    @Test
    void retriesAFailingCallWithBackoffOnTheInjectedClockThenRethrows() {
        Guard guard = Guard.builder("dep").clock(clock).retry(retry(3, Duration.ofMillis(500))).build();
        AtomicInteger attempts = new AtomicInteger();
        long start = clock.monotonicNanos();

        assertThatThrownBy(() -> guard.call(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("down");

        assertThat(attempts).hasValue(3);
        assertThat(clock.monotonicNanos() - start).isEqualTo(Duration.ofMillis(1000).toNanos());
        OperationSnapshot snapshot = guard.snapshot();
        assertThat(snapshot.failures()).isEqualTo(3);
        assertThat(snapshot.retries()).isEqualTo(2);
    }

    @Test
    void succeedsWhenARetryDoes() {
        Guard guard = Guard.builder("dep").clock(clock).retry(retry(3, Duration.ofMillis(100))).build();
        AtomicInteger attempts = new AtomicInteger();

        String result = guard.call(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConnectException("refused");
            }
            return "third time";
        });

        assertThat(result).isEqualTo("third time");
        assertThat(guard.snapshot().failuresByCategory()).containsEntry(ErrorCategory.CONNECTION_REFUSED, 2L);
    }

    @Test
    void wrapsCheckedExceptionsWithTheirCategory() {
        Guard guard = Guard.builder("dep").clock(clock).build();

        assertThatThrownBy(() -> guard.call(() -> {
            throw new ConnectException("refused");
        })).isInstanceOfSatisfying(CallFailedException.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION_REFUSED);
            assertThat(e.guard()).isEqualTo("dep");
            assertThat(e).hasCauseInstanceOf(ConnectException.class);
        });
    }

    @Test
    void openBreakerRejectsWithoutCallingTheDependency() {
        Guard guard = Guard.builder("dep").clock(clock).circuitBreaker(breaker(2)).build();
        AtomicInteger calls = new AtomicInteger();
        CheckedSupplier<String> failing = () -> {
            calls.incrementAndGet();
            throw new IOException("boom");
        };
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guard.call(failing)).isInstanceOf(CallFailedException.class);
        }

        assertThatThrownBy(() -> guard.call(failing)).isInstanceOf(CircuitOpenException.class);
        assertThat(calls).hasValue(2);
        assertThat(guard.snapshot().rejected()).isEqualTo(1);
    }

    @Test
    void neverRetriesIntoAnOpenBreaker() {
        Guard guard = Guard.builder("dep").clock(clock).circuitBreaker(breaker(2)).retry(retry(5, Duration.ofMillis(100))).build();
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> guard.call(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("down");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(attempts).hasValue(2);
        assertThat(guard.circuitBreaker().orElseThrow().state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void retriesShareOneDeadline() {
        Guard guard = Guard.builder("dep").clock(clock).timeout(Duration.ofMillis(1000))
                .retry(retry(10, Duration.ofMillis(100))).build();
        AtomicInteger attempts = new AtomicInteger();
        long start = clock.monotonicNanos();

        assertThatThrownBy(() -> guard.call(() -> {
            attempts.incrementAndGet();
            clock.advanceMillis(300);
            throw new IllegalStateException("slow failure");
        })).isInstanceOf(CallTimeoutException.class);

        // 300 + 100 + 300 + 100 + 300: the third attempt runs past the 1000 ms deadline; there is
        // no fourth, although ten attempts were allowed.
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(clock.monotonicNanos() - start).isEqualTo(Duration.ofMillis(1100).toNanos());
        assertThat(guard.snapshot().timeouts()).isEqualTo(1);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anAttemptStillRunningAtTheDeadlineIsInterruptedAndTimesOut() throws Exception {
        Guard guard = Guard.builder("dep").clock(clock).timeout(Duration.ofSeconds(2)).build();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        CompletableFuture<Object> call = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                call.complete(guard.call(() -> {
                    started.countDown();
                    return never.await(1, TimeUnit.MINUTES);
                }));
            } catch (Throwable e) {
                call.completeExceptionally(e);
            }
        });
        caller.start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(CallTimeoutException.class);
        caller.join(30_000);
        assertThat(guard.snapshot().timeouts()).isEqualTo(1);
    }

    @Test
    void aCallThatFinishesInTimeLeavesNoInterruptBehind() {
        Guard guard = Guard.builder("dep").clock(clock).timeout(Duration.ofSeconds(2)).build();

        assertThat(guard.call(() -> "fast")).isEqualTo("fast");
        clock.advance(Duration.ofSeconds(5));

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void aTimeoutOfCenturiesIsAsGoodAsNone() {
        clock.advance(Duration.ofDays(365L * 3)); // now plus 290 years, in nanoseconds, is past Long.MAX_VALUE
        for (Duration centuries : List.of(Duration.ofDays(365L * 290), Duration.ofDays(365L * 300),
                Duration.ofSeconds(Long.MAX_VALUE))) {
            Guard guard = Guard.builder("dep").clock(clock).timeout(centuries).build();

            assertThat(guard.call(() -> "answer")).as("%s", centuries).isEqualTo("answer");
            assertThat(guard.snapshot().timeouts()).isZero();
        }
    }

    @Test
    void aTimeoutTheSchedulerRefusesFailsTheCallAndGivesItsPermitsBack() {
        Scheduler closed = new OneShotScheduler(clock, (delay, task) -> {
            throw new RejectedExecutionException("scheduler closed");
        });
        Bulkhead bulkhead = Bulkhead.semaphore("dep", 1);
        Guard guard = Guard.builder("dep").scheduler(closed).timeout(Duration.ofSeconds(2)).bulkhead(bulkhead).build();
        AtomicInteger ran = new AtomicInteger();

        assertThatThrownBy(() -> guard.call(ran::incrementAndGet)).isInstanceOf(RejectedExecutionException.class);

        assertThat(ran).as("not run unwatched").hasValue(0);
        assertThat(bulkhead.inFlight()).isZero();
        assertThat(guard.snapshot().failures()).isEqualTo(1);
    }

    @Test
    void fullBulkheadRejectsAndGivesTheBreakerPermissionBack() throws Exception {
        Bulkhead bulkhead = Bulkhead.semaphore("dep", 1);
        CircuitBreaker breaker = CircuitBreaker.builder("dep").clock(clock)
                .config(CircuitBreakerConfig.builder().successThreshold(1).build()).build();
        Guard guard = Guard.builder("dep").clock(clock).circuitBreaker(breaker).bulkhead(bulkhead).build();
        assertThat(bulkhead.tryAcquire()).isTrue(); // someone else holds the only slot

        assertThatThrownBy(() -> guard.call(() -> "x")).isInstanceOf(BulkheadFullException.class);

        bulkhead.release(0, false);
        assertThat(guard.call(() -> "x")).isEqualTo("x");
        assertThat(guard.snapshot().rejected()).isEqualTo(1);
        assertThat(bulkhead.inFlight()).isZero();
    }

    @Test
    void asyncCallsRunOnVirtualThreadsAndCarryFailures() throws Exception {
        Guard guard = Guard.builder("dep").clock(clock).build();

        assertThat(guard.callAsync(() -> Thread.currentThread().isVirtual()).get(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> guard.callAsync(() -> {
            throw new IllegalStateException("async down");
        }).get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void manyThreadsCountsAddUp() throws Exception {
        Guard guard = Guard.builder("dep").clock(clock).bulkhead(Bulkhead.semaphore("dep", 64)).build();
        int threads = 8;
        int perThread = 5_000;
        List<Thread> workers = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    boolean fail = (i + id) % 7 == 0;
                    try {
                        guard.call(() -> {
                            if (fail) {
                                throw new IllegalStateException();
                            }
                            return "ok";
                        });
                    } catch (IllegalStateException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }

        OperationSnapshot total = guard.recorder().total();
        assertThat(total.attempts()).isEqualTo((long) threads * perThread);
        assertThat(total.failures()).isEqualTo(failures.get());
        assertThat(guard.bulkhead().orElseThrow().inFlight()).isZero();
    }

    @Test
    void anInterruptFromElsewhereIsKeptAndNotRetried() {
        Guard guard = Guard.builder("dep").clock(clock).retry(retry(3, Duration.ofMillis(10))).build();
        AtomicInteger attempts = new AtomicInteger();

        try {
            assertThatThrownBy(() -> guard.call(() -> {
                attempts.incrementAndGet();
                throw new InterruptedException("shutting down");
            })).isInstanceOf(CallFailedException.class).hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(attempts).hasValue(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> Guard.builder(" ")).hasMessageContaining("guard name must not be blank");
        assertThatThrownBy(() -> Guard.builder("x").timeout(Duration.ofMillis(-1)))
                .hasMessageContaining("timeout must not be negative");
        assertThatThrownBy(() -> Guard.builder("x").clock(clock).scheduler(ManualClock.create().scheduler())
                .clock(clock).build()).hasMessageContaining("another clock");
    }

    @Test
    void aRetryWaitOfCenturiesEndsTheCallInsteadOfSleepingPastTheDeadline() {
        AtomicInteger attempts = new AtomicInteger();
        Guard guard = Guard.builder("dep").clock(clock).timeout(Duration.ofMillis(500))
                .retry(Retry.builder().maxAttempts(3).jitter(Jitter.NONE).delayAdvisor((attempt, category) -> Long.MAX_VALUE)
                        .budget(RetryBudget.unlimited()).build())
                .build();
        clock.advance(Duration.ofDays(1)); // the monotonic time is positive, as the real one mostly is
        long start = clock.monotonicNanos();

        assertThatThrownBy(() -> guard.call(() -> {
            attempts.incrementAndGet();
            throw new IOException("down");
        })).isInstanceOf(CallFailedException.class);
        assertThat(attempts).hasValue(1);
        assertThat(clock.monotonicNanos()).as("the guard did not wait").isEqualTo(start);
    }

    @Test
    void anAdaptiveBulkheadShrinksWhenTheDependencySheds() {
        Bulkhead bulkhead = Bulkhead.adaptive("llm");
        Guard guard = Guard.builder("llm").clock(clock).bulkhead(bulkhead).build();
        int before = bulkhead.limit();

        for (int i = 0; i < 50; i++) {
            int status = i % 2 == 0 ? 429 : 503;
            assertThatThrownBy(() -> guard.call(() -> {
                throw new HttpStatusException(status, "shed");
            })).isInstanceOf(HttpStatusException.class);
        }

        assertThat(bulkhead.limit()).isLessThan(before);
    }

    @Test
    void aBreakerWaitingTheLongestItMayStillOpens() {
        CircuitBreaker breaker = CircuitBreaker.builder("dep").clock(clock).config(CircuitBreakerConfig.builder()
                .failureRateThreshold(0).consecutiveFailureThreshold(1).resetTimeout(Durations.LONGEST).build()).build();
        Guard guard = Guard.builder("dep").clock(clock).circuitBreaker(breaker).build();
        clock.advance(Duration.ofDays(365L * 3));

        assertThatThrownBy(() -> guard.call(() -> {
            throw new IllegalStateException("dependency failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThatThrownBy(() -> guard.call(() -> "x")).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void aGuardNameLongerThanASignalMayCarryIsRefusedWhenBuilt() {
        assertThat(Guard.builder("g".repeat(200)).clock(clock).build().name()).hasSize(200);
        assertThatThrownBy(() -> Guard.builder("g".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 200 characters, was 201");
    }

    @Test
    void aTimeoutOfCenturiesMeansNoneThroughEitherBuilder() {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        assertThat(Guard.builder("g").timeout(forever).build().timeout()).isEqualTo(Durations.LONGEST);
        assertThat(GuardConfig.builder().timeout(forever).build().timeout()).isEqualTo(Durations.LONGEST);
        assertThatThrownBy(() -> GuardConfig.builder().timeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> GuardConfig.builder().timeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
    }
}
