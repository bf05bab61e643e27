package io.homeostat.core.health.checks;

import io.homeostat.core.health.HealthCheck;
import io.homeostat.core.health.HealthResult;
import io.homeostat.core.health.HealthStatus;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * This process's recent CPU load (0 to 1 across all cores), from
 * {@code com.sun.management.OperatingSystemMXBean#getProcessCpuLoad()}: degraded above 80 %,
 * unhealthy above 95 % by default. A JVM that cannot tell (a negative reading) is reported
 * healthy with {@code process.cpu.load=unavailable}. Thread-safe.
 */
public final class ProcessCpuCheck implements HealthCheck {

    private final UsageThresholds thresholds;
    private final DoubleSupplier reading;

    private ProcessCpuCheck(UsageThresholds thresholds, DoubleSupplier reading) {
        this.thresholds = thresholds;
        this.reading = reading;
    }

    /** This process with {@link UsageThresholds#cpuDefaults()}. */
    public static ProcessCpuCheck create() {
        return create(UsageThresholds.cpuDefaults());
    }

    /** This process with {@code thresholds}. */
    public static ProcessCpuCheck create(UsageThresholds thresholds) {
        return create(thresholds, ProcessCpuCheck::processCpuLoad);
    }

    /** The load {@code reading} reports (0 to 1, negative when unknown). */
    public static ProcessCpuCheck create(UsageThresholds thresholds, DoubleSupplier reading) {
        return new ProcessCpuCheck(Objects.requireNonNull(thresholds, "thresholds"), Objects.requireNonNull(reading, "reading"));
    }

    @Override
    public HealthResult check() {
        double load = reading.getAsDouble();
        if (load < 0 || Double.isNaN(load)) {
            return HealthResult.healthy().withDetail("process.cpu.load", "unavailable");
        }
        HealthStatus status = thresholds.statusOf(load);
        String message = status == HealthStatus.HEALTHY ? ""
                : "process CPU " + Percent.of(load) + " (above " + Percent.of(thresholds.limitOf(status)) + ")";
        return HealthResult.of(status, message).withDetail("process.cpu.load", Percent.ratio(load));
    }

    private static double processCpuLoad() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuLoad();
        }
        return -1;
    }
}
