package io.homeostat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One timer task for all of a guard's running attempts; the tasks run on this thread inside {@code advance}. */
class DeadlinesTest {

    private static final long SECOND = 1_000_000_000L;

    private final ManualClock clock = ManualClock.create();
    private final AtomicInteger scheduled = new AtomicInteger();
    private volatile boolean refuse;
    private final Deadlines deadlines = new Deadlines(new OneShotScheduler(clock, (delay, task) -> {
        if (refuse) {
            throw new RejectedExecutionException("closed");
        }
        scheduled.incrementAndGet();
        return clock.scheduler().schedule(delay, task);
    }));

    @AfterEach
    void noInterruptLeftOnTheTestThread() {
        assertThat(Thread.interrupted()).as("an interrupt left behind").isFalse();
    }

    private TimeoutWatch start(long timeoutNanos) {
        return deadlines.start(clock.monotonicNanos() + timeoutNanos);
    }

    @Test
    void aStreamOfAttemptsThatFinishInTimeSetsTheTimerTaskAboutOncePerTimeout() {
        for (int i = 0; i < 1_000; i++) {
            TimeoutWatch watch = start(2 * SECOND);
            assertThat(clock.pendingTasks()).isEqualTo(1);
            assertThat(watch.finish()).isFalse();
            clock.advanceMillis(10);
        }

        // 1,000 attempts over 10 s: the task ran at each 2 s mark, found only finished watches, and
        // the next attempt set it again; not once per attempt
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
    void aReplacedTaskThatRunsAnywayDoesNothing() {
        List<Runnable> tasks = new ArrayList<>();
        Deadlines byHand = new Deadlines(new OneShotScheduler(clock, (delay, task) -> {
            tasks.add(task);
            return () -> {}; // as if it had already been taken from the queue when cancelled
        }));
        TimeoutWatch slow = byHand.start(clock.monotonicNanos() + 10 * SECOND);
        TimeoutWatch quick = byHand.start(clock.monotonicNanos() + 2 * SECOND);
        assertThat(tasks).hasSize(2);

        clock.advance(Duration.ofSeconds(2));
        tasks.get(1).run();
        assertThat(quick.finish()).isTrue();
        assertThat(tasks).as("set again for the slow attempt").hasSize(3);

        clock.advance(Duration.ofSeconds(8));
        tasks.get(0).run(); // the replaced one
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(byHand.held()).isEqualTo(1);
        assertThat(tasks).hasSize(3);

        tasks.get(2).run();
        assertThat(slow.finish()).isTrue();
        assertThat(byHand.held()).isZero();
    }

    @Test
    void aFinishedAttemptIsNeverInterrupted() {
        TimeoutWatch watch = start(SECOND);
        assertThat(watch.finish()).isFalse();

        clock.advance(Duration.ofSeconds(5));

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void aSchedulerThatRefusesTheTaskFailsTheStartAndLeavesNothingBehind() {
        refuse = true;

        assertThatThrownBy(() -> start(SECOND)).isInstanceOf(RejectedExecutionException.class);
        assertThat(deadlines.held()).as("an unwatched attempt is not kept").isZero();

        refuse = false;
        TimeoutWatch watch = start(SECOND);
        clock.advance(Duration.ofSeconds(1));
        assertThat(watch.finish()).as("watched once the scheduler takes tasks again").isTrue();
    }

    @Test
    void aRefusedEarlierTaskKeepsTheOneSetBefore() {
        TimeoutWatch slow = start(5 * SECOND);
        refuse = true;
        assertThatThrownBy(() -> start(SECOND)).isInstanceOf(RejectedExecutionException.class);
        refuse = false;

        clock.advance(Duration.ofSeconds(5));

        assertThat(slow.finish()).isTrue();
        assertThat(deadlines.held()).isZero();
    }

    @Test
    void finishedAttemptsBehindOneStillRunningAreDroppedAsTheQueueGrows() {
        TimeoutWatch stuck = start(60 * SECOND);
        int most = 0;
        for (int i = 0; i < 10_000; i++) {
            start(60 * SECOND).finish();
            most = Math.max(most, deadlines.held());
        }

        assertThat(most).isLessThanOrEqualTo(Deadlines.MIN_COMPACTION);
        assertThat(stuck.finish()).isFalse();
    }

    @Test
    void withManyRunningTheQueueStaysWithinTwiceThemAndEachIsStillWatched() {
        List<TimeoutWatch> running = new ArrayList<>();
        int most = 0;
        for (int i = 0; i < 5_000; i++) {
            TimeoutWatch watch = start(60 * SECOND);
            if (i % 10 == 0) {
                running.add(watch); // one in ten stays running, the others finish at once
            } else {
                watch.finish();
            }
            most = Math.max(most, deadlines.held());
        }
        assertThat(most).isLessThanOrEqualTo(2 * running.size() + Deadlines.MIN_COMPACTION);

        clock.advance(Duration.ofSeconds(60));

        assertThat(running).allSatisfy(watch -> assertThat(watch.finish()).isTrue());
        assertThat(deadlines.held()).isZero();
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
        CountDownLatch never = new CountDownLatch(1);
        Map<Integer, Boolean> fired = new ConcurrentHashMap<>();
        List<Thread> running = new ArrayList<>();
        // started one at a time, in the reverse order of their deadlines: 4 s, 3 s, 2 s, 1 s
        for (int seconds = threads; seconds >= 1; seconds--) {
            int timeout = seconds;
            CountDownLatch started = new CountDownLatch(1);
            long deadline = clock.monotonicNanos() + timeout * SECOND;
            running.add(Thread.ofPlatform().start(() -> {
                TimeoutWatch watch = deadlines.start(deadline);
                started.countDown();
                try {
                    never.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    // the deadline
                }
                fired.put(timeout, watch.finish());
            }));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(scheduled.get()).as("each earlier deadline moved the task forward").isEqualTo(threads);

        clock.advance(Duration.ofMillis(2_500));
        running.get(3).join(30_000);
        running.get(2).join(30_000);
        assertThat(fired).containsOnlyKeys(1, 2);

        clock.advance(Duration.ofSeconds(2));
        for (Thread thread : running) {
            thread.join(30_000);
        }
        assertThat(fired).containsOnlyKeys(1, 2, 3, 4).doesNotContainValue(false);
        assertThat(clock.pendingTasks()).isZero();
        assertThat(deadlines.held()).isZero();
    }
}
