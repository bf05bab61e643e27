package io.homeostat.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DedicatedSchedulerTest {

    @Test
    void aBlockedTaskOnADedicatedSchedulerDoesNotDelayTheSharedTimer() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        AtomicReference<String> blockedOn = new AtomicReference<>();
        try (DedicatedScheduler slow = Scheduler.system().dedicated("test-slow")) {
            try {
                slow.schedule(Duration.ZERO, () -> {
                    blockedOn.set(Thread.currentThread().getName());
                    entered.countDown();
                    await(release);
                });
                assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

                Scheduler.system().schedule(Duration.ZERO, otherRan::countDown);

                assertThat(otherRan.await(10, TimeUnit.SECONDS)).as("the shared timer ran while the slow task blocked")
                        .isTrue();
                assertThat(blockedOn.get()).isEqualTo("test-slow");
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void closeWaitsForTheRunningTaskAndRefusesLaterOnes() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> runs = new ArrayList<>();
        DedicatedScheduler own = Scheduler.system().dedicated("test-close");
        own.schedule(Duration.ZERO, () -> {
            entered.countDown();
            await(release);
            synchronized (runs) {
                runs.add("finished");
            }
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread closer = Thread.ofVirtual().start(own::close);
        release.countDown();
        assertThat(closer.join(Duration.ofSeconds(10))).isTrue();
        synchronized (runs) {
            assertThat(runs).as("the running task finished before close returned").containsExactly("finished");
        }
        assertThatThrownBy(() -> own.schedule(Duration.ZERO, () -> { }))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void onAManualClockItSharesTheClocksQueueSoTestsStayDeterministic() {
        ManualClock clock = ManualClock.create();
        List<String> order = new ArrayList<>();
        DedicatedScheduler own = clock.scheduler().dedicated("test-manual");
        own.schedule(Duration.ofSeconds(2), () -> order.add("dedicated"));
        clock.scheduler().schedule(Duration.ofSeconds(1), () -> order.add("shared"));
        own.close();

        clock.advance(Duration.ofSeconds(2));

        assertThat(order).containsExactly("shared", "dedicated");
        assertThat(own.clock()).isSameAs(clock);
    }

    @Test
    void aBlankThreadNameIsRefused() {
        assertThatThrownBy(() -> Scheduler.system().dedicated(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threadName");
        assertThatThrownBy(() -> ManualClock.create().scheduler().dedicated("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
