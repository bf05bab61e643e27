package io.homeostat.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The pair driver end to end: two real child JVMs with tiny settings over their own loopback upstreams. */
class KernelOverheadPairTest {

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void bothChildrenServeTheTrafficOverTheSameWindowsAndEndByThemselves() throws Exception {
        PairOptions options = new PairOptions(new WindowOptions(2, Duration.ofSeconds(1), Duration.ofSeconds(1), 50, 7),
                directory.resolve("kernel-overhead-pair.json"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        PairReport report = KernelOverheadPair.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));

        PairedRounds windows = report.windows();
        assertThat(windows.size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            RoundResult guarded = windows.guarded().get(i);
            RoundResult direct = windows.direct().get(i);
            assertThat(guarded.index()).isEqualTo(i + 1).isEqualTo(direct.index());
            assertThat(guarded.requests()).as("requests with guards in window %d", i + 1).isPositive();
            assertThat(direct.requests()).as("requests without guards in window %d", i + 1).isPositive();
            assertThat(guarded.guardCalls()).as("the guarded child calls through guards").isPositive();
            assertThat(direct.guardCalls()).as("the direct child runs no kernel").isZero();
            assertThat(guarded.cpuNanos()).isPositive();
            assertThat(direct.cpuNanos()).isPositive();
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("both ready", "window  2  with guards",
                "window  2  without guards");

        KernelOverhead.write(report.toMap(), options.output());
        JsonNode json = new ObjectMapper().readTree(options.output().toFile());
        assertThat(json.get("pairs")).hasSize(2);
        assertThat(json.get("differencePercentOfCore").get("n").asInt()).isEqualTo(2);
        assertThat(report.table()).contains("difference, paired windows (n = 2)");
    }
}
