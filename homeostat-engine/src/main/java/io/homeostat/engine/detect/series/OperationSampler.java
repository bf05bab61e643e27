package io.homeostat.engine.detect.series;

import io.homeostat.core.Guard;
import io.homeostat.core.record.OperationSnapshot;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Durations;
import io.homeostat.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns what guards record into metric series: every period (default 1 s) on the injected
 * {@link Scheduler}, for each guard, it publishes {@link MetricSample}s named after the guard:
 *
 * <ul>
 *   <li>{@value #CALLS_RATE}: attempts plus rejections per second over the last period;
 *   <li>{@value #ERROR_RATE}: failed and timed-out attempts as a share of the attempts of the last
 *       period, in [0, 1] (not published for a period without attempts, so an open circuit that
 *       rejects everything does not read as healthy);
 *   <li>{@value #REJECTED_RATE}: calls refused (open circuit, full bulkhead) per second;
 *   <li>{@value #LATENCY_P50}, {@value #LATENCY_P95}, {@value #LATENCY_P99}: latency percentiles in
 *       milliseconds over the guard recorder's rolling window (default 60 s; within 12.5 %),
 *       published when that window holds attempts.
 * </ul>
 *
 * <p>Rates are differences of the recorder's running totals, so they react within one period;
 * the first period of a guard only sets its starting totals. Guards that disappear from the
 * supplier are forgotten, so state is bounded by the number of live guards.
 *
 * <p>Thread-safe: rounds are serialised.
 */
public final class OperationSampler implements AutoCloseable {

    /** Calls per second. */
    public static final String CALLS_RATE = "calls.rate";
    /** Share of attempts that failed or timed out, in [0, 1]. */
    public static final String ERROR_RATE = "error.rate";
    /** Rejected calls per second. */
    public static final String REJECTED_RATE = "rejected.rate";
    /** Median latency, milliseconds. */
    public static final String LATENCY_P50 = "latency.p50";
    /** 95th percentile latency, milliseconds. */
    public static final String LATENCY_P95 = "latency.p95";
    /** 99th percentile latency, milliseconds. */
    public static final String LATENCY_P99 = "latency.p99";
    /** The default period, 1 s. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);

    private final Supplier<? extends Iterable<Guard>> guards;
    private final SignalBus bus;
    private final Scheduler scheduler;
    private final Duration period;
    private final Map<String, Totals> previous = new HashMap<>();
    private Cancellable task;

    private OperationSampler(Supplier<? extends Iterable<Guard>> guards, SignalBus bus, Scheduler scheduler,
            Duration period) {
        this.guards = Objects.requireNonNull(guards, "guards");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.period = Durations.requirePositive(period, "period");
    }

    /**
     * A sampler of the guards {@code guards} yields each round (e.g. {@code registry::guards}),
     * publishing to {@code bus} every {@link #DEFAULT_PERIOD} once {@link #start() started}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static OperationSampler create(Supplier<? extends Iterable<Guard>> guards, SignalBus bus,
            Scheduler scheduler) {
        return create(guards, bus, scheduler, DEFAULT_PERIOD);
    }

    /**
     * As {@link #create(Supplier, SignalBus, Scheduler)} with another period.
     *
     * @throws IllegalArgumentException if {@code period} is not positive
     */
    public static OperationSampler create(Supplier<? extends Iterable<Guard>> guards, SignalBus bus,
            Scheduler scheduler, Duration period) {
        return new OperationSampler(guards, bus, scheduler, period);
    }

    /** The period between rounds. */
    public Duration period() {
        return period;
    }

    /** Starts a round every period, the first one period from now. Idempotent. */
    public synchronized OperationSampler start() {
        if (task == null) {
            task = scheduler.scheduleAtFixedRate(period, period, this::sampleNow);
        }
        return this;
    }

    /**
     * Runs one round now, on the calling thread.
     *
     * @return the number of samples published (accepted or dropped by the bus)
     */
    public synchronized int sampleNow() {
        long now = scheduler.clock().monotonicNanos();
        Instant time = scheduler.clock().instant();
        Set<String> seen = new HashSet<>();
        int published = 0;
        for (Guard guard : guards.get()) {
            seen.add(guard.name());
            published += sample(guard, now, time);
        }
        previous.keySet().retainAll(seen);
        return published;
    }

    /** Stops further rounds; a round in progress finishes. Idempotent. */
    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }

    private int sample(Guard guard, long now, Instant time) {
        OperationSnapshot total = guard.recorder().total();
        Totals current = new Totals(now, total.attempts(), total.failures() + total.timeouts(), total.rejected());
        Totals before = previous.put(guard.name(), current);
        int published = 0;
        if (before != null && now > before.nanos) {
            double seconds = (now - before.nanos) / 1e9;
            long attempts = current.attempts - before.attempts;
            long errors = current.errors - before.errors;
            long rejected = current.rejected - before.rejected;
            published += publish(guard.name(), CALLS_RATE, (attempts + rejected) / seconds, time);
            published += publish(guard.name(), REJECTED_RATE, rejected / seconds, time);
            if (attempts > 0) {
                published += publish(guard.name(), ERROR_RATE, Math.min(1.0, (double) errors / attempts), time);
            }
        }
        OperationSnapshot window = guard.snapshot();
        if (window.attempts() > 0) {
            published += publish(guard.name(), LATENCY_P50, window.p50Nanos() / 1e6, time);
            published += publish(guard.name(), LATENCY_P95, window.p95Nanos() / 1e6, time);
            published += publish(guard.name(), LATENCY_P99, window.p99Nanos() / 1e6, time);
        }
        return published;
    }

    private int publish(String service, String metric, double value, Instant time) {
        bus.publish(new MetricSample(service, metric, value, time, Map.of()));
        return 1;
    }

    private record Totals(long nanos, long attempts, long errors, long rejected) {}
}
