package io.homeostat.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scorer against a toy file scored by hand. The file has 20 rows, so the probationary period
 * is floor(0.15 * 20) = 3 rows (0..2), and one window, rows 8..11 (width 4). Hand values:
 * sigma(-1) = 2/(1+e^-5) - 1 = 0.986614; a detection at row 8 (y = -(11-8+1)/4 = -1) scores
 * A_TP; at row 10 (y = -0.5) it scores A_TP sigma(-0.5)/sigma(-1) = 0.848284/0.986614 = 0.859793;
 * a detection at row 14, 3 rows after the window's end (y = 3/(4-1) = 1), scores
 * A_FP sigma(1) = -0.986614 A_FP; one at row 5, before any window, scores -A_FP.
 */
class NabScorerTest {

    private static final double TP_MIDDLE = 0.859793;
    private static final double FP_AFTER = -0.986614;

    /** Row 1 (probation) 0.9, row 5 (before the window) 0.5, row 8 0.6, row 10 0.95, row 14 0.7. */
    private static double[] toyScores() {
        double[] s = new double[20];
        s[1] = 0.9;
        s[5] = 0.5;
        s[8] = 0.6;
        s[10] = 0.95;
        s[14] = 0.7;
        return s;
    }

    private static NabDataFile toyFile() {
        return file("toy.csv", 20, List.of(new NabWindow(8, 11)));
    }

    private static NabDataFile file(String name, int rows, List<NabWindow> windows) {
        List<String> timestamps = new ArrayList<>();
        long[] millis = new long[rows];
        for (int i = 0; i < rows; i++) {
            timestamps.add("t" + i);
            millis[i] = i * 300_000L;
        }
        return new NabDataFile("toy", name, timestamps, millis, new double[rows], windows);
    }

    @Test
    void onlyTheMiddleDetectionCountsAtTheHighestThreshold() {
        NabScore score = NabScorer.of(List.of(toyFile())).at(NabProfile.STANDARD, List.of(toyScores()), 0.95);

        assertThat(score.rawScore()).isCloseTo(TP_MIDDLE, within(1e-6));
        assertThat(score.windowsDetected()).isEqualTo(1);
        assertThat(score.falsePositives()).isZero();
    }

    @Test
    void earliestDetectionInTheWindowReplacesALaterOneAndAFalsePositiveAfterTheWindowCostsLess() {
        NabScore score = NabScorer.of(List.of(toyFile())).at(NabProfile.STANDARD, List.of(toyScores()), 0.6);

        assertThat(score.rawScore()).isCloseTo(1.0 + 0.11 * FP_AFTER, within(1e-6));
        assertThat(score.falsePositives()).isEqualTo(1);
    }

    @Test
    void probationaryRowsAreNotScoredAndAFalsePositiveBeforeTheFirstWindowCostsFullWeight() {
        NabScore score = NabScorer.of(List.of(toyFile())).at(NabProfile.STANDARD, List.of(toyScores()), 0.5);

        assertThat(score.rawScore()).isCloseTo(1.0 + 0.11 * FP_AFTER - 0.11, within(1e-6));
        assertThat(score.falsePositives()).isEqualTo(2);
    }

    @Test
    void sweepPicksTheBestThresholdPerProfile() {
        NabScorer scorer = NabScorer.of(List.of(toyFile()));

        NabScore standard = scorer.best(NabProfile.STANDARD, List.of(toyScores()));
        NabScore lowFp = scorer.best(NabProfile.REWARD_LOW_FP, List.of(toyScores()));
        NabScore lowFn = scorer.best(NabProfile.REWARD_LOW_FN, List.of(toyScores()));

        assertThat(standard.threshold()).isEqualTo(0.6);
        assertThat(standard.normalisedScore()).isCloseTo(100 * (1.0 + 0.11 * FP_AFTER + 1) / 2, within(1e-4));
        assertThat(lowFp.threshold()).isEqualTo(0.95);
        assertThat(lowFp.normalisedScore()).isCloseTo(100 * (TP_MIDDLE + 1) / 2, within(1e-4));
        assertThat(lowFn.threshold()).isEqualTo(0.6);
        assertThat(lowFn.normalisedScore()).isCloseTo(100 * (1.0 + 0.11 * FP_AFTER + 2) / 3, within(1e-4));
    }

    @Test
    void nullDetectorScoresZeroAndPerfectDetectorScoresHundredOnEveryProfile() {
        List<NabDataFile> files = List.of(toyFile(),
                file("two.csv", 1000, List.of(new NabWindow(200, 260), new NabWindow(700, 760))),
                file("none.csv", 500, List.of()));
        NabScorer scorer = NabScorer.of(files);

        for (NabProfile profile : NabProfile.all()) {
            assertThat(scorer.best(profile, ReferenceDetectors.nothing(files)).normalisedScore()).isZero();
            assertThat(scorer.best(profile, ReferenceDetectors.perfect(files)).normalisedScore())
                    .isCloseTo(100.0, within(1e-9));
        }
        assertThat(scorer.windows()).isEqualTo(3);
    }

    @Test
    void randomScoresNeverBeatPerfectNorLoseToNullAtTheBestThreshold() {
        List<NabDataFile> files = List.of(file("a.csv", 800, List.of(new NabWindow(300, 340))),
                file("b.csv", 600, List.of(new NabWindow(200, 230), new NabWindow(400, 430))));
        NabScorer scorer = NabScorer.of(files);
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<double[]> scores = new ArrayList<>();
            for (NabDataFile f : files) {
                double[] s = new double[f.rows()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = random.nextDouble() < 0.01 ? random.nextDouble() : 0.0;
                }
                scores.add(s);
            }
            NabScore best = scorer.best(NabProfile.STANDARD, scores);
            assertThat(best.normalisedScore()).isBetween(0.0, 100.0);
            assertThat(scorer.at(NabProfile.STANDARD, scores, best.threshold()).rawScore())
                    .isCloseTo(best.rawScore(), within(1e-9));
        }
    }

    @Test
    void rejectsScoresThatDoNotMatchTheFiles() {
        NabScorer scorer = NabScorer.of(List.of(toyFile()));

        assertThatThrownBy(() -> scorer.best(NabProfile.STANDARD, List.of(new double[19])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void probationaryPeriodIsFifteenPercentCappedAt750() {
        assertThat(NabDataFile.probationaryRows(20)).isEqualTo(3);
        assertThat(NabDataFile.probationaryRows(4032)).isEqualTo(604);
        assertThat(NabDataFile.probationaryRows(22695)).isEqualTo(750);
    }
}
