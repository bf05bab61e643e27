package io.homeostat.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A guarded call made from a task on the shared timer ({@link Scheduler#system()}): its timeout
 * must still interrupt it, which a timeout watched by that same, busy, thread could not do.
 * Real time, as on the real scheduler; the call is released in any case, so a failure does not
 * leave the JVM's shared timer blocked for the tests after it.
 */
class GuardOnTimerThreadTest {

    @Test
    void aCallOnTheSharedTimerThreadIsInterruptedAtItsTimeout() throws InterruptedException {
        Guard guard = Guard.builder("timer-dependency").timeout(Duration.ofMillis(50)).build();
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<String> thread = new AtomicReference<>();
        try {
            Scheduler.system().schedule(Duration.ZERO, () -> {
                thread.set(Thread.currentThread().getName());
                try {
                    guard.call(() -> never.await(1, TimeUnit.MINUTES));
                } catch (RuntimeException e) {
                    failure.set(e);
                } finally {
                    done.countDown();
                }
            });

            assertThat(done.await(10, TimeUnit.SECONDS)).as("the call ended at its timeout").isTrue();
            assertThat(thread.get()).isEqualTo("homeostat-timer");
            assertThat(failure.get()).isInstanceOf(CallTimeoutException.class);
        } finally {
            never.countDown();
        }
    }
}
