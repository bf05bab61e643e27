package io.homeostat.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark program, with short settings, over the demo's real upstreams on loopback. */
class KernelOverheadTest {

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void guardedRoundsCallThroughTheGuardsAndDirectRoundsRunNoKernelAndTheRunEndsByItself() throws Exception {
        OverheadOptions options = new OverheadOptions(1, Duration.ofSeconds(2), Duration.ZERO, Duration.ofMillis(300), 20,
                true, 7, directory.resolve("out").resolve("kernel-overhead.json"));

        OverheadReport report = KernelOverhead.run(options, new PrintStream(OutputStream.nullOutputStream()));

        RoundResult guarded = report.guarded().get(0);
        RoundResult direct = report.direct().get(0);
        assertThat(guarded.mode()).isEqualTo(Mode.GUARDED);
        assertThat(direct.mode()).isEqualTo(Mode.DIRECT);
        for (RoundResult round : new RoundResult[] {guarded, direct}) {
            assertThat(round.requests()).as("requests of %s", round.mode()).isGreaterThan(10);
            // every request asks the AI provider and pharmaguard over HTTP
            assertThat(round.httpCalls()).as("HTTP calls of %s", round.mode()).isGreaterThan(round.requests() * 3 / 2);
            assertThat(round.cpuNanos()).isPositive();
        }
        // database, AI provider, pharmaguard and the audit record: four guarded calls a request at least
        assertThat(guarded.guardCalls()).isGreaterThan(guarded.requests() * 3);
        assertThat(guarded.signals()).as("the sampler publishes the guards' rates").isPositive();
        assertThat(guarded.fallbacks()).isZero();
        assertThat(direct.guardCalls()).isZero();
        assertThat(direct.signals()).isZero();
        assertThat(direct.cpuByGroup().get(CpuMeter.BUS)).as("no bus thread runs without guards").isZero();

        assertThat(report.fault()).hasValueSatisfying(pair -> {
            assertThat(pair.get(0).mode()).isEqualTo(Mode.GUARDED);
            assertThat(pair.get(0).fallbacks()).as("the outage is answered by fallbacks").isPositive();
            assertThat(pair.get(1).fallbacks()).isZero();
        });

        KernelOverhead.write(report, options.output());
        JsonNode json = new ObjectMapper().readTree(options.output().toFile());
        assertThat(json.get("roundResults")).hasSize(4);
        assertThat(json.get("differencePercentOfCore").get("n").asInt()).isEqualTo(1);
        assertThat(report.table()).contains("with guards", "without guards", "% of one core");
    }

    @Test
    void optionsReadTheArgumentsAndNameWhatIsWrong() {
        OverheadOptions options = OverheadOptions.parse("--rounds", "3", "--seconds", "10", "--fault-round", "--rate", "20");
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.round()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.faultRound()).isTrue();
        assertThat(options.rate()).isEqualTo(20);
        assertThat(options.warmUp()).isEqualTo(OverheadOptions.defaults().warmUp());
        assertThatIllegalArgumentException().isThrownBy(() -> OverheadOptions.parse("--round", "3"))
                .withMessageContaining("--round");
        assertThatIllegalArgumentException().isThrownBy(() -> OverheadOptions.parse("--rate"))
                .withMessageContaining("--rate needs a value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OverheadOptions.parse("--rounds", "0")).withMessageContaining("rounds");
    }

    @Test
    void spreadGivesTheMeanDeviationAndStudentInterval() {
        Spread spread = Spread.of(List.of(1.0, 2.0, 3.0));
        assertThat(spread.mean()).isEqualTo(2.0);
        assertThat(spread.sd()).isEqualTo(1.0);
        assertThat(spread.ciHigh()).isCloseTo(2.0 + 4.303 / Math.sqrt(3), within(1e-9));
        assertThat(OverheadReport.verdict(spread)).startsWith("undecided");
        assertThat(OverheadReport.verdict(Spread.of(List.of(0.1, 0.2, 0.15)))).startsWith("met");
    }
}
