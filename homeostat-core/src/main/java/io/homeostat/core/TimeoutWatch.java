package io.homeostat.core;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interrupts the thread running an attempt when the call's deadline passes, and, once the attempt
 * is over, makes sure no stray interrupt from it is left on the thread.
 */
final class TimeoutWatch implements Runnable {

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;

    private final Thread thread;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final Cancellable handle;

    private TimeoutWatch(Thread thread, Scheduler scheduler, long remainingNanos) {
        this.thread = thread;
        this.handle = scheduler.schedule(Duration.ofNanos(remainingNanos), this);
    }

    /** Starts watching the current thread. */
    static TimeoutWatch start(Scheduler scheduler, long remainingNanos) {
        return new TimeoutWatch(Thread.currentThread(), scheduler, remainingNanos);
    }

    @Override
    public void run() {
        if (state.compareAndSet(RUNNING, FIRING)) {
            thread.interrupt();
            state.set(FIRED);
        }
    }

    /**
     * Ends the watch on the watched thread.
     *
     * @return true if the deadline fired (the interrupt it caused has been cleared)
     */
    boolean finish() {
        if (state.compareAndSet(RUNNING, FINISHED)) {
            handle.cancel();
            return false;
        }
        while (state.get() != FIRED) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        return true;
    }
}
