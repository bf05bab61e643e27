package io.homeostat.core.health.checks;

import io.homeostat.core.health.HealthCheck;
import io.homeostat.core.health.HealthResult;
import io.homeostat.core.health.HealthStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Free space on the file store holding a path: degraded below 10 % free, unhealthy below 5 % by
 * default. Details: {@code disk.usable.bytes}, {@code disk.total.bytes}, {@code disk.free.ratio}.
 * A store that cannot be read makes the check throw. Thread-safe.
 */
public final class DiskSpaceCheck implements HealthCheck {

    private final String label;
    private final FreeSpaceThresholds thresholds;
    private final Supplier<DiskSpace> reading;

    private DiskSpaceCheck(String label, FreeSpaceThresholds thresholds, Supplier<DiskSpace> reading) {
        this.label = label;
        this.thresholds = thresholds;
        this.reading = reading;
    }

    /** The store holding {@code path}, with {@link FreeSpaceThresholds#defaults()}. */
    public static DiskSpaceCheck create(Path path) {
        return create(path, FreeSpaceThresholds.defaults());
    }

    /** The store holding {@code path}, with {@code thresholds}. */
    public static DiskSpaceCheck create(Path path, FreeSpaceThresholds thresholds) {
        Objects.requireNonNull(path, "path");
        return create(path.toString(), thresholds, () -> read(path));
    }

    /** Space as {@code reading} reports it; {@code label} names the store in messages. */
    public static DiskSpaceCheck create(String label, FreeSpaceThresholds thresholds, Supplier<DiskSpace> reading) {
        return new DiskSpaceCheck(Objects.requireNonNull(label, "label"),
                Objects.requireNonNull(thresholds, "thresholds"), Objects.requireNonNull(reading, "reading"));
    }

    @Override
    public HealthResult check() {
        DiskSpace space = reading.get();
        double free = space.freeRatio();
        HealthStatus status = thresholds.statusOf(free);
        String message = status == HealthStatus.HEALTHY ? "" : "only " + Percent.of(free) + " free on " + label;
        return HealthResult.of(status, message)
                .withDetail("disk.path", label)
                .withDetail("disk.usable.bytes", space.usableBytes())
                .withDetail("disk.total.bytes", space.totalBytes())
                .withDetail("disk.free.ratio", Percent.ratio(free));
    }

    private static DiskSpace read(Path path) {
        try {
            FileStore store = Files.getFileStore(path);
            return new DiskSpace(store.getUsableSpace(), store.getTotalSpace());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file store of " + path, e);
        }
    }
}
