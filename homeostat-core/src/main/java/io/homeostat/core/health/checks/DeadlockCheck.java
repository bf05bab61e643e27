package io.homeostat.core.health.checks;

import io.homeostat.core.health.HealthCheck;
import io.homeostat.core.health.HealthResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Threads deadlocked on monitors or on {@code java.util.concurrent} locks: unhealthy when there
 * are any, naming them in the message and in {@code deadlocked.threads}. A deadlock never ends
 * by itself, so register this check with a failure threshold of 1. Thread-safe.
 */
public final class DeadlockCheck implements HealthCheck {

    private final ThreadMXBean threads;

    private DeadlockCheck(ThreadMXBean threads) {
        this.threads = threads;
    }

    /** This JVM's threads. */
    public static DeadlockCheck create() {
        return create(ManagementFactory.getThreadMXBean());
    }

    /** The threads {@code threads} reports on. */
    public static DeadlockCheck create(ThreadMXBean threads) {
        return new DeadlockCheck(Objects.requireNonNull(threads, "threads"));
    }

    @Override
    public HealthResult check() {
        long[] ids = threads.isSynchronizerUsageSupported()
                ? threads.findDeadlockedThreads()
                : threads.findMonitorDeadlockedThreads();
        if (ids == null || ids.length == 0) {
            return HealthResult.healthy().withDetail("deadlocked.count", 0);
        }
        List<String> names = new ArrayList<>();
        for (ThreadInfo info : threads.getThreadInfo(ids)) {
            if (info != null) {
                names.add(info.getThreadName());
            }
        }
        return HealthResult.unhealthy(ids.length + " deadlocked threads: " + names)
                .withDetail("deadlocked.count", ids.length)
                .withDetail("deadlocked.threads", String.join(",", names));
    }
}
