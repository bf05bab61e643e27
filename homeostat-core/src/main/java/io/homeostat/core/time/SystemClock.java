package io.homeostat.core.time;

import java.time.Duration;

@SuppressForbidden(reason = "the real clock")
enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public long wallMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("sleep duration must not be negative: " + duration);
        }
        Thread.sleep(duration);
    }

    @Override
    public String toString() {
        return "SystemClock";
    }
}
