package io.homeostat.core.bulkhead.internal;

import io.homeostat.core.bulkhead.Bulkhead;
import io.homeostat.core.bulkhead.VegasLimitConfig;
import io.homeostat.core.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An adaptive limit moved the Vegas way, as {@link VegasLimitConfig} describes. The limit is a
 * {@code double} (its whole part is what {@link #limit()} reports) swapped by compare-and-set;
 * the no-load latency is the fastest call of the last two windows of the clock among those that
 * ended with at most half the limit in flight. Thread-safe,
 * lock-free, allocation-free; {@link #release} reads the clock once.
 */
public final class VegasBulkhead implements Bulkhead {

    private final String name;
    private final Clock clock;
    private final double minLimit;
    private final double maxLimit;
    private final int alpha;
    private final int beta;
    private final double decreaseFactor;
    private final Slots slots;
    private final FastestLatency noLoad;
    /** The limit, as the bits of a double. */
    private final AtomicLong limit;

    private VegasBulkhead(String name, VegasLimitConfig config, Clock clock) {
        this.name = name;
        this.clock = clock;
        this.minLimit = config.minLimit();
        this.maxLimit = config.maxLimit();
        this.alpha = config.alpha();
        this.beta = config.beta();
        this.decreaseFactor = config.decreaseFactor();
        this.slots = new Slots(name);
        this.noLoad = new FastestLatency(config.noLoadWindow().toNanos(), clock.monotonicNanos());
        this.limit = new AtomicLong(Double.doubleToRawLongBits(config.initialLimit()));
    }

    /** @throws NullPointerException if an argument is null */
    public static VegasBulkhead create(String name, VegasLimitConfig config, Clock clock) {
        return new VegasBulkhead(Objects.requireNonNull(name, "name"), Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean tryAcquire() {
        return slots.tryTake(limit());
    }

    /** @throws IllegalStateException if no slot is taken */
    @Override
    public void release(long latencyNanos, boolean overloaded) {
        int inFlightBefore = slots.give();
        if (overloaded) {
            move(Double.NaN, 0);
            return;
        }
        if (latencyNanos <= 0) {
            return; // untimed or unmeasurably fast: no evidence about queueing
        }
        boolean lowLoad = inFlightBefore * 2 <= limit();
        long fastest = noLoad.observe(clock.monotonicNanos(), latencyNanos, lowLoad);
        move((double) fastest / latencyNanos, inFlightBefore);
    }

    /**
     * Moves the limit for one call whose no-load share of latency was {@code ratio} (NaN for an
     * overloaded call) while {@code inFlightBefore} calls were running.
     */
    private void move(double ratio, int inFlightBefore) {
        long bits = limit.get();
        while (true) {
            double current = Double.longBitsToDouble(bits);
            double next;
            if (Double.isNaN(ratio)) {
                next = Math.max(minLimit, Math.min(current - 1, current * decreaseFactor));
            } else {
                double queued = current * (1 - ratio);
                if (queued < alpha) {
                    if (inFlightBefore * 2 < current) {
                        return; // the limit is not what holds calls back: no evidence it could be higher
                    }
                    next = Math.min(maxLimit, current + 1 / current);
                } else if (queued > beta) {
                    next = Math.max(minLimit, current - 1 / current);
                } else {
                    return;
                }
            }
            if (next == current) {
                return;
            }
            long witness = limit.compareAndExchange(bits, Double.doubleToRawLongBits(next));
            if (witness == bits) {
                return;
            }
            bits = witness;
        }
    }

    @Override
    public int inFlight() {
        return slots.taken();
    }

    @Override
    public int limit() {
        return (int) Double.longBitsToDouble(limit.get());
    }

    @Override
    public String toString() {
        return "VegasBulkhead[" + name + ", " + inFlight() + "/" + limit() + "]";
    }
}
