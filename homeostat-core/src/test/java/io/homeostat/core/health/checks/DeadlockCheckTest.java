package io.homeostat.core.health.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.health.HealthResult;
import io.homeostat.core.health.HealthStatus;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DeadlockCheckTest {

    @Test
    @Timeout(30)
    void reportsARealDeadlockWithTheThreadNames() throws Exception {
        DeadlockCheck check = DeadlockCheck.create();
        assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);

        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CyclicBarrier bothHoldOne = new CyclicBarrier(2);
        Thread a = lockInOrder("deadlock-a", first, second, bothHoldOne);
        Thread b = lockInOrder("deadlock-b", second, first, bothHoldOne);
        try {
            a.start();
            b.start();
            while (ManagementFactory.getThreadMXBean().findDeadlockedThreads() == null) {
                Thread.onSpinWait(); // each now waits for the lock the other holds
            }

            HealthResult result = check.check();

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).contains("deadlock-a", "deadlock-b");
            assertThat(result.details()).containsEntry("deadlocked.count", "2");
        } finally {
            a.interrupt(); // lockInterruptibly lets us break the deadlock, so later tests see none
            b.interrupt();
            a.join();
            b.join();
        }
        assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    private static Thread lockInOrder(String name, ReentrantLock outer, ReentrantLock inner, CyclicBarrier barrier) {
        Thread thread = new Thread(() -> {
            try {
                outer.lockInterruptibly();
                try {
                    barrier.await();
                    inner.lockInterruptibly();
                    inner.unlock();
                } finally {
                    outer.unlock();
                }
            } catch (Exception e) {
                // interrupted: the test is over
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }
}
