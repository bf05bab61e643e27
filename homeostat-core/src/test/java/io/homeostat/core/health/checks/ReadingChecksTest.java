package io.homeostat.core.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.health.HealthResult;
import io.homeostat.core.health.HealthStatus;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks that judge a reading against thresholds, fed readings we choose. */
class ReadingChecksTest {

    private static HealthStatus heapAt(long usedOf1000) {
        return HeapCheck.create(UsageThresholds.heapDefaults(), () -> new MemoryUsage(0, usedOf1000, 1000, 1000))
                .check().status();
    }

    @Test
    void heapTurnsDegradedAbove75AndUnhealthyAbove90Percent() {
        assertThat(heapAt(750)).isEqualTo(HealthStatus.HEALTHY);
        assertThat(heapAt(751)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(heapAt(900)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(heapAt(901)).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void heapWithoutMaximumIsMeasuredAgainstCommitted() {
        HealthResult result = HeapCheck.create(UsageThresholds.heapDefaults(), () -> new MemoryUsage(0, 950, 1000, -1))
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("heap 95.0% used (above 90.0%)");
        assertThat(result.details()).containsEntry("heap.max.bytes", "1000").containsEntry("heap.used.ratio", "0.9500");
    }

    @Test
    void realHeapReadingHasDetails() {
        HealthResult result = HeapCheck.create().check();

        assertThat(Long.parseLong(result.details().get("heap.used.bytes"))).isPositive();
        assertThat(Long.parseLong(result.details().get("heap.max.bytes"))).isPositive();
    }

    @Test
    void cpuTurnsDegradedAbove80AndUnhealthyAbove95Percent() {
        UsageThresholds cpu = UsageThresholds.cpuDefaults();
        assertThat(ProcessCpuCheck.create(cpu, () -> 0.80).check().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(ProcessCpuCheck.create(cpu, () -> 0.81).check().status()).isEqualTo(HealthStatus.DEGRADED);
        HealthResult hot = ProcessCpuCheck.create(cpu, () -> 0.97).check();
        assertThat(hot.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(hot.message()).isEqualTo("process CPU 97.0% (above 95.0%)");
    }

    @Test
    void unknownCpuLoadIsHealthyAndSaysSo() {
        HealthResult result = ProcessCpuCheck.create(UsageThresholds.cpuDefaults(), () -> -1).check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsEntry("process.cpu.load", "unavailable");
    }

    @Test
    void diskTurnsDegradedBelow10AndUnhealthyBelow5PercentFree() {
        FreeSpaceThresholds defaults = FreeSpaceThresholds.defaults();
        assertThat(DiskSpaceCheck.create("/data", defaults, () -> new DiskSpace(100, 1000)).check().status())
                .isEqualTo(HealthStatus.HEALTHY);
        assertThat(DiskSpaceCheck.create("/data", defaults, () -> new DiskSpace(99, 1000)).check().status())
                .isEqualTo(HealthStatus.DEGRADED);
        HealthResult full = DiskSpaceCheck.create("/data", defaults, () -> new DiskSpace(49, 1000)).check();
        assertThat(full.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(full.message()).isEqualTo("only 4.9% free on /data");
    }

    @Test
    void realDiskReadingMatchesItsOwnThresholds(@TempDir Path dir) {
        HealthResult result = DiskSpaceCheck.create(dir).check();

        long usable = Long.parseLong(result.details().get("disk.usable.bytes"));
        long total = Long.parseLong(result.details().get("disk.total.bytes"));
        assertThat(total).isPositive();
        assertThat(result.status()).isEqualTo(FreeSpaceThresholds.defaults().statusOf(new DiskSpace(usable, total).freeRatio()));
    }

    @Test
    void thresholdsRejectInvertedOrOutOfRangeValues() {
        assertThatThrownBy(() -> new UsageThresholds(0.9, 0.8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UsageThresholds(0.5, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FreeSpaceThresholds(0.05, 0.10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DiskSpace(2, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
