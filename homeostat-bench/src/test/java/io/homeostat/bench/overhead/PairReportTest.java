package io.homeostat.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pairing of two children's windows and the arithmetic of the report, on hand-computed numbers. */
class PairReportTest {

    private static final long TEN_SECONDS = 10_000_000_000L;

    /** A window of 10 s: CPU in milliseconds, requests, and 4.6 guarded calls a request with guards. */
    private static RoundResult window(Mode mode, int index, long cpuMillis, long requests) {
        return new RoundResult(mode, index, false, TEN_SECONDS, cpuMillis * 1_000_000, Map.of(CpuMeter.BUS,
                mode == Mode.GUARDED ? 20_000_000L : 0L), requests, requests * 3, mode == Mode.GUARDED ? requests * 46 / 10 : 0,
                0, mode == Mode.GUARDED ? 760 : 0, requests * 100_000);
    }

    private static PairReport report(List<RoundResult> guarded, List<RoundResult> direct) {
        PairOptions options = new PairOptions(new WindowOptions(guarded.size(), Duration.ofSeconds(10), Duration.ZERO, 50, 42),
                Path.of("out.json"));
        return new PairReport(options, PairedRounds.byIndex(guarded, direct), 0.5, 0.7);
    }

    // with guards 12, 11, 15 % of a core; without 10, 10, 12: differences 2, 1, 3 points, or 20, 10, 25 %
    private static final List<RoundResult> GUARDED = List.of(window(Mode.GUARDED, 1, 1200, 500),
            window(Mode.GUARDED, 2, 1100, 500), window(Mode.GUARDED, 3, 1500, 500));
    private static final List<RoundResult> DIRECT = List.of(window(Mode.DIRECT, 1, 1000, 500),
            window(Mode.DIRECT, 2, 1000, 500), window(Mode.DIRECT, 3, 1200, 500));

    @Test
    void differencePerWindowHasItsMeanAndStudentInterval() {
        PairReport report = report(GUARDED, DIRECT);
        PairedRounds windows = report.windows();

        Spread core = windows.differenceOfCore();
        assertThat(core.n()).isEqualTo(3);
        assertThat(core.mean()).isCloseTo(2.0, within(1e-9));
        assertThat(core.sd()).isCloseTo(1.0, within(1e-9));
        assertThat(core.ciLow()).isCloseTo(2.0 - 4.303 / Math.sqrt(3), within(1e-9));
        assertThat(core.ciHigh()).isCloseTo(2.0 + 4.303 / Math.sqrt(3), within(1e-9));

        Spread ofDirect = windows.differenceOfDirect();
        assertThat(ofDirect.mean()).isCloseTo(55.0 / 3, within(1e-9));
        assertThat(ofDirect.sd()).isCloseTo(Math.sqrt(175.0 / 3), within(1e-9));

        assertThat(windows.corePercent(Mode.GUARDED).mean()).isCloseTo(38.0 / 3, within(1e-9));
        assertThat(windows.corePercent(Mode.DIRECT).mean()).isCloseTo(32.0 / 3, within(1e-9));
        // 2,400 - 2,000, 2,200 - 2,000 and 3,000 - 2,400 us a request; 4.6 guarded calls a request
        assertThat(windows.differencePerRequest().mean()).isCloseTo(400, within(1e-9));
        assertThat(windows.differencePerGuardCall().mean()).isCloseTo(400 / 4.6, within(1e-9));
        assertThat(windows.byGroup().get(CpuMeter.BUS)[0]).isCloseTo(0.2, within(1e-12));
        assertThat(windows.byGroup().get(CpuMeter.BUS)[1]).isZero();

        assertThat(windows.requestRate(Mode.GUARDED)).isCloseTo(50.0, within(1e-9));
        assertThat(report.sameRate()).isTrue();
        assertThat(report.verdict(core)).startsWith("undecided");
    }

    @Test
    void tableAndJsonCarryEveryWindowAndTheSummary() {
        PairReport report = report(GUARDED, DIRECT);

        assertThat(report.table()).contains("+2.00", "+25.0", "difference, paired windows (n = 3)",
                "requests served a second: with guards 50.00, without 50.00 (0.0 % apart): the same work")
                .doesNotContain("VOID");
        Map<String, Object> json = report.toMap();
        assertThat((List<?>) json.get("pairs")).hasSize(3);
        assertThat(json.get("sameRate")).isEqualTo(true);
        assertThat(json.get("guardedRequestsPerSecond")).isEqualTo(50.0);
        assertThat(((Spread) json.get("differencePercentOfCore")).mean()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void windowsPairByTheirNumberWhateverOrderTheyCameIn() {
        PairedRounds windows = PairedRounds.byIndex(List.of(GUARDED.get(2), GUARDED.get(0), GUARDED.get(1)), DIRECT);

        assertThat(windows.guarded()).extracting(RoundResult::index).containsExactly(1, 2, 3);
        assertThat(windows.differenceOfCore().max()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void windowsWithoutAPartnerAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> PairedRounds.byIndex(GUARDED, DIRECT.subList(0, 2)))
                .withMessageContaining("with guards [1, 2, 3], without [1, 2]");
        assertThatIllegalArgumentException().isThrownBy(() -> PairedRounds.byIndex(
                List.of(GUARDED.get(0), GUARDED.get(0)), List.of(DIRECT.get(0), DIRECT.get(0))))
                .withMessageContaining("do not pair");
        assertThatIllegalArgumentException().isThrownBy(() -> PairedRounds.byIndex(DIRECT, GUARDED))
                .withMessageContaining("other's list");
    }

    @Test
    void rateMoreThanTwoPercentApartMakesTheComparisonVoid() {
        // 480 requests in each 10 s window without guards: 48/s against 50/s, 4.2 % apart
        List<RoundResult> slow = List.of(window(Mode.DIRECT, 1, 1000, 480), window(Mode.DIRECT, 2, 1000, 480),
                window(Mode.DIRECT, 3, 1200, 480));
        PairReport report = report(GUARDED, slow);

        assertThat(report.windows().rateGap()).isCloseTo(2.0 / 48, within(1e-12));
        assertThat(report.sameRate()).isFalse();
        assertThat(report.table()).contains("4.2 % apart", "comparison is VOID", "< 1 % of one core: void");
        assertThat(report.toMap().get("sameRate")).isEqualTo(false);

        // 495 against 500: 1.0 % apart, within the tolerance
        List<RoundResult> close = List.of(window(Mode.DIRECT, 1, 1000, 495), window(Mode.DIRECT, 2, 1000, 495),
                window(Mode.DIRECT, 3, 1200, 495));
        assertThat(report(GUARDED, close).sameRate()).isTrue();
    }

    @Test
    void windowLineCarriesTheWholeResultAndOtherLinesAreNotWindows() {
        RoundResult window = GUARDED.get(1);

        String line = SoloRun.line(window);

        assertThat(line).startsWith("window {").doesNotContain("\n");
        assertThat(SoloRun.window(line)).contains(window);
        assertThat(SoloRun.window("# with guards: warming up")).isEmpty();
        assertThat(SoloRun.window(SoloRun.READY)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> SoloRun.window("window {\"mode\":\"GUARDED\"}"))
                .withMessageContaining("needs the field");
        assertThatIllegalArgumentException().isThrownBy(() -> SoloRun.window("window {not json"))
                .withMessageContaining("unreadable window line");
    }
}
