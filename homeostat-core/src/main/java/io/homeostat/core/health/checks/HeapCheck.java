package io.homeostat.core.health.checks;

import io.homeostat.core.health.HealthCheck;
import io.homeostat.core.health.HealthResult;
import io.homeostat.core.health.HealthStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Heap in use against the heap's maximum (its committed size when no maximum is set): degraded
 * above 75 %, unhealthy above 90 % by default. Details: {@code heap.used.bytes},
 * {@code heap.max.bytes}, {@code heap.used.ratio}. Thread-safe.
 */
public final class HeapCheck implements HealthCheck {

    private final UsageThresholds thresholds;
    private final Supplier<MemoryUsage> reading;

    private HeapCheck(UsageThresholds thresholds, Supplier<MemoryUsage> reading) {
        this.thresholds = thresholds;
        this.reading = reading;
    }

    /** This JVM's heap with {@link UsageThresholds#heapDefaults()}. */
    public static HeapCheck create() {
        return create(UsageThresholds.heapDefaults());
    }

    /** This JVM's heap with {@code thresholds}. */
    public static HeapCheck create(UsageThresholds thresholds) {
        return create(thresholds, () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage());
    }

    /** Heap usage as {@code reading} reports it, e.g. another memory pool or a test's figures. */
    public static HeapCheck create(UsageThresholds thresholds, Supplier<MemoryUsage> reading) {
        return new HeapCheck(Objects.requireNonNull(thresholds, "thresholds"), Objects.requireNonNull(reading, "reading"));
    }

    @Override
    public HealthResult check() {
        MemoryUsage usage = reading.get();
        long limit = usage.getMax() > 0 ? usage.getMax() : usage.getCommitted();
        double ratio = limit > 0 ? (double) usage.getUsed() / limit : 0;
        HealthStatus status = thresholds.statusOf(ratio);
        String message = status == HealthStatus.HEALTHY ? ""
                : "heap " + Percent.of(ratio) + " used (above " + Percent.of(thresholds.limitOf(status)) + ")";
        return HealthResult.of(status, message)
                .withDetail("heap.used.bytes", usage.getUsed())
                .withDetail("heap.max.bytes", limit)
                .withDetail("heap.used.ratio", Percent.ratio(ratio));
    }
}
