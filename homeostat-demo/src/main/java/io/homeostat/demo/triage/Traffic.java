package io.homeostat.demo.triage;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Scheduler;
import io.homeostat.demo.report.RunRecorder;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Steady traffic: {@code rate} triage requests a second, each on its own virtual thread, at most
 * {@code maxInFlight} at once (past that a request is shed and counted, so a slow system is not
 * buried under a growing queue). Thread-safe.
 */
public final class Traffic implements AutoCloseable {

    private final TriageApp app;
    private final RunRecorder recorder;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private Cancellable ticking;

    /**
     * Traffic into {@code app}.
     *
     * @throws IllegalArgumentException if {@code maxInFlight} is less than 1
     */
    public Traffic(TriageApp app, RunRecorder recorder, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.app = app;
        this.recorder = recorder;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Starts sending {@code rate} requests a second.
     *
     * @throws IllegalArgumentException if {@code rate} is not in [1, 1000]
     */
    public synchronized Traffic start(Scheduler scheduler, int rate) {
        if (rate < 1 || rate > 1000) {
            throw new IllegalArgumentException("rate must be in [1, 1000] requests a second, was " + rate);
        }
        Duration period = Duration.ofNanos(1_000_000_000L / rate);
        ticking = scheduler.scheduleAtFixedRate(period, period, this::one);
        return this;
    }

    private void one() {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            recorder.shed();
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    app.triage();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
        }
    }

    /** Requests in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Stops sending; requests in flight finish on their own. */
    @Override
    public synchronized void close() {
        if (ticking != null) {
            ticking.cancel();
        }
        executor.shutdown();
    }
}
