package io.homeostat.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.ManualClock;
import io.homeostat.core.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One timer task for all of a guard's running attempts; the tasks run on this thread inside {@code advance}. */
class DeadlinesTest {

    private static final long SECOND = 1_000_000_000L;

    private final ManualClock clock = ManualClock.create();
    private final AtomicInteger scheduled = new AtomicInteger();
    private final Deadlines deadlines = new Deadlines(new Scheduler() {
        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            scheduled.incrementAndGet();
            return clock.scheduler().schedule(delay, task);
        }

        @Override
        public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
            throw new UnsupportedOperationException("not used by Deadlines");
        }

        @Override
        public Clock clock() {
            return clock;
        }
    });

    @AfterEach
    void noInterruptLeftOnTheTestThread() {
        assertThat(Thread.interrupted()).as("an interrupt left behind").isFalse();
    }

    private TimeoutWatch start(long timeoutNanos) {
        long now = clock.monotonicNanos();
        return deadlines.start(now, now + timeoutNanos);
    }

    @Test
    void aStreamOfAttemptsThatFinishInTimeKeepsOneTimerTaskSetForTheEarliestDeadline() {
        for (int i = 0; i < 1_000; i++) {
            TimeoutWatch watch = start(2 * SECOND);
            assertThat(clock.pendingTasks()).isEqualTo(1);
            assertThat(watch.finish()).isFalse();
            clock.advanceMillis(10);
        }

        // 1,000 attempts over 10 s: the task was set at the start and again as each run found the
        // then earliest running deadline, not once per attempt
        assertThat(scheduled.get()).isBetween(2, 8);
        clock.advance(Duration.ofSeconds(3));
        assertThat(clock.pendingTasks()).isZero();
        assertThat(deadlines.held()).isZero();
    }

    @Test
    void anAttemptRunningAtItsDeadlineIsInterruptedThenAndNotBefore() {
        TimeoutWatch watch = start(2 * SECOND);

        clock.advance(Duration.ofMillis(1_999));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        clock.advance(Duration.ofMillis(1));

        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(watch.finish()).as("the deadline fired").isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("finish clears the interrupt").isFalse();
    }

    @Test
    void aLaterAttemptWithAnEarlierDeadlineMovesTheTaskForward() {
        TimeoutWatch slow = start(10 * SECOND);
        TimeoutWatch quick = start(2 * SECOND);
        assertThat(clock.pendingTasks()).as("the task for 10 s is replaced, not kept").isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(quick.finish()).isTrue();
        assertThat(clock.pendingTasks()).as("set again for the slow attempt").isEqualTo(1);

        clock.advance(Duration.ofMillis(7_999));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(slow.finish()).isTrue();
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void aFinishedAttemptIsNeverInterrupted() {
        TimeoutWatch watch = start(SECOND);
        assertThat(watch.finish()).isFalse();

        clock.advance(Duration.ofSeconds(5));

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(watch.finish()).isFalse();
    }

    @Test
    void finishedAttemptsBehindOneStillRunningAreDroppedAsTheQueueGrows() {
        TimeoutWatch stuck = start(60 * SECOND);
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            start(60 * SECOND).finish();
            held.add(deadlines.held());
        }

        assertThat(held).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2 + Deadlines.MIN_COMPACTION));
        assertThat(stuck.finish()).isFalse();
    }

    @Test
    void finishedAttemptsAtTheHeadAreDroppedWhenTheNextStarts() {
        for (int i = 0; i < 100; i++) {
            start(SECOND).finish();
        }

        assertThat(deadlines.held()).isEqualTo(1);
    }

    @Test
    void attemptsOnManyThreadsAreEachInterruptedAtTheirOwnDeadline() throws Exception {
        int threads = 4;
        CountDownLatch started = new CountDownLatch(threads);
        CountDownLatch never = new CountDownLatch(1);
        Map<Integer, Long> interruptedAt = new ConcurrentHashMap<>();
        List<Thread> running = new ArrayList<>();
        // started in the reverse order of their deadlines: 4 s, 3 s, 2 s, 1 s
        for (int seconds = threads; seconds >= 1; seconds--) {
            int timeout = seconds;
            long now = clock.monotonicNanos();
            running.add(Thread.ofPlatform().start(() -> {
                TimeoutWatch watch = deadlines.start(now, now + timeout * SECOND);
                started.countDown();
                try {
                    never.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    interruptedAt.put(timeout, clock.monotonicNanos());
                }
                assertThat(watch.finish()).isTrue();
            }));
            assertThat(started.getCount()).isGreaterThanOrEqualTo(seconds - 1L);
        }
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofMillis(2_500));
        running.get(3).join(30_000);
        running.get(2).join(30_000);
        assertThat(interruptedAt).containsOnlyKeys(1, 2);

        clock.advance(Duration.ofSeconds(2));
        for (Thread thread : running) {
            thread.join(30_000);
        }
        assertThat(interruptedAt).containsOnlyKeys(1, 2, 3, 4);
        assertThat(clock.pendingTasks()).isZero();
        assertThat(deadlines.held()).isZero();
    }
}
