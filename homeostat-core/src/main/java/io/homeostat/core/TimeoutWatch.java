package io.homeostat.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One attempt's deadline: {@link Deadlines} interrupts the thread running the attempt when the
 * deadline passes, and {@link #finish()}, once the attempt is over, makes sure no stray interrupt
 * from it is left on the thread.
 */
final class TimeoutWatch {

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;

    private final Thread thread;
    private final long deadline;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    TimeoutWatch(Thread thread, long deadline) {
        this.thread = thread;
        this.deadline = deadline;
    }

    /** When the attempt times out, on the monotonic time of the guard's clock. */
    long deadline() {
        return deadline;
    }

    /** Whether the attempt ended before its deadline fired. */
    boolean finished() {
        return state.get() == FINISHED;
    }

    /** Interrupts the watched thread, unless the attempt has finished. */
    void fire() {
        if (state.compareAndSet(RUNNING, FIRING)) {
            thread.interrupt();
            state.set(FIRED);
        }
    }

    /**
     * Ends the watch on the watched thread; called once, when the attempt is over.
     *
     * @return true if the deadline fired (the interrupt it caused has been cleared)
     */
    boolean finish() {
        int was = state.compareAndExchange(RUNNING, FINISHED);
        if (was == RUNNING || was == FINISHED) {
            return false;
        }
        while (state.get() != FIRED) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        return true;
    }
}
