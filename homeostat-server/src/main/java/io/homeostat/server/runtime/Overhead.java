package io.homeostat.server.runtime;

import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.Clock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Objects;

/**
 * Homeostat's own cost, for the dashboard: how long the loop's ticks take, how many signals per
 * second go through the bus (HTTP ingest and publishers in this JVM), and, read when asked, the
 * process's CPU share and heap. The loop calls {@link #timed} around each tick. Thread-safe: the
 * tick side is written by the loop's thread only and read under this object's lock.
 */
public final class Overhead {

    /** Ticks the maximum tick time is taken over: one minute at the loop's 1 s tick. */
    static final int WINDOW = 60;

    /**
     * What Homeostat costs now. Immutable.
     *
     * @param processCpuLoad this process's share of all the machine's CPUs over the JVM's last
     *     measurement, in [0, 1]; -1 when the JVM cannot tell
     * @param processors the processors the JVM may use
     * @param heapUsed heap bytes used
     * @param heapMax heap bytes the JVM may use at most; -1 when unbounded
     * @param threads live threads of the JVM
     * @param busPending signals published and not yet delivered
     * @param busCapacity signals the bus holds at most
     * @param signalsPerSecond signals published to the bus per second between the last two ticks
     * @param lastTickNanos how long the last tick of the loop took
     * @param maxTickNanos the longest of the last {@value #WINDOW} ticks
     * @param ticks ticks since start
     */
    public record Snapshot(double processCpuLoad, int processors, long heapUsed, long heapMax, int threads,
            long busPending, int busCapacity, double signalsPerSecond, long lastTickNanos, long maxTickNanos,
            long ticks) {}

    private final InProcessSignalBus bus;
    private final Clock clock;
    private final long[] tickNanos = new long[WINDOW];
    private long ticks;
    private long lastTickNanos;
    private long publishedBefore = -1;
    private long tickStartedBefore;
    private double signalsPerSecond;

    Overhead(InProcessSignalBus bus, Clock clock) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs {@code tick}, timing it and taking the bus's rate since the previous one; rethrows what it throws. */
    void timed(Runnable tick) {
        long started = clock.monotonicNanos();
        long published = bus.published();
        try {
            tick.run();
        } finally {
            long took = clock.monotonicNanos() - started;
            synchronized (this) {
                if (publishedBefore >= 0 && started > tickStartedBefore) {
                    signalsPerSecond = (published - publishedBefore) * 1e9 / (started - tickStartedBefore);
                }
                publishedBefore = published;
                tickStartedBefore = started;
                lastTickNanos = took;
                tickNanos[(int) (ticks++ % WINDOW)] = took;
            }
        }
    }

    /** What Homeostat costs now (reads the JVM's management beans). */
    public Snapshot snapshot() {
        double cpu = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getProcessCpuLoad();
            cpu = load >= 0 ? load : -1;
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        synchronized (this) {
            long max = 0;
            for (int i = 0; i < Math.min(ticks, WINDOW); i++) {
                max = Math.max(max, tickNanos[i]);
            }
            return new Snapshot(cpu, Runtime.getRuntime().availableProcessors(), heap.getUsed(), heap.getMax(), threads,
                    bus.pending(), bus.capacity(), signalsPerSecond, lastTickNanos, max, ticks);
        }
    }
}
