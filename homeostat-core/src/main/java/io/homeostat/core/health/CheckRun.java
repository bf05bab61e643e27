package io.homeostat.core.health;

import java.util.concurrent.CompletableFuture;

/**
 * One run of one check on an executor thread. When the run times out, the registry completes
 * {@link #result} first and then calls {@link #interruptIfRunning()}, which interrupts the
 * thread only while it is still inside this check: a pooled thread that has moved on to other
 * work is never interrupted, and the interrupt flag we set is cleared before the thread leaves.
 */
final class CheckRun implements Runnable {

    private final HealthCheck check;
    private final CompletableFuture<HealthResult> result;
    private final Object lock = new Object();
    private Thread runner;
    private boolean finished;
    private boolean interrupted;

    CheckRun(HealthCheck check, CompletableFuture<HealthResult> result) {
        this.check = check;
        this.result = result;
    }

    @Override
    public void run() {
        synchronized (lock) {
            if (result.isDone()) {
                return; // timed out before it started
            }
            runner = Thread.currentThread();
        }
        try {
            HealthResult outcome = check.check();
            if (outcome == null) {
                result.completeExceptionally(new NullPointerException("health check returned null"));
            } else {
                result.complete(outcome);
            }
        } catch (Exception | Error e) {
            result.completeExceptionally(e);
        } finally {
            synchronized (lock) {
                finished = true;
                runner = null;
                if (interrupted) {
                    Thread.interrupted(); // clear only the interrupt we caused
                }
            }
        }
    }

    void interruptIfRunning() {
        synchronized (lock) {
            if (runner != null && !finished) {
                interrupted = true;
                runner.interrupt();
            }
        }
    }
}
