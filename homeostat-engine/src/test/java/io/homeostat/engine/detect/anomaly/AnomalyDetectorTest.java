package io.homeostat.engine.detect.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

    private static final long FIVE_MINUTES = 300_000L;
    /** 2014-05-13 00:00 UTC: samples fall on clock boundaries, as collected metrics do. */
    private static final long START = 1_399_939_200_000L;

    private static AnomalyDetector detector(int learning) {
        return AnomalyDetector.create(AnomalyDetectorConfig.builder().learningPeriod(learning).build());
    }

    @Test
    void scoresZeroDuringTheLearningPeriodAndStaysInUnitRangeAfter() {
        AnomalyDetector detector = detector(200);
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            double value = random.nextDouble() < 0.01 ? 1e6 * random.nextGaussian() : random.nextGaussian();
            double score = detector.score(START + i * FIVE_MINUTES, value);
            if (i < 200) {
                assertThat(score).isZero();
            }
            assertThat(score).isBetween(0.0, 1.0);
        }
        assertThat(detector.samples()).isEqualTo(5000);
    }

    @Test
    void flagsASpikeInStationaryNoise() {
        AnomalyDetector detector = detector(300);
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            detector.score(START + i * FIVE_MINUTES, 50 + random.nextGaussian());
        }

        assertThat(detector.score(START + 2000 * FIVE_MINUTES, 80)).isGreaterThan(0.9);
    }

    @Test
    void staysQuietOnAFlatLineAndOnNoiseWithoutAnomalies() {
        AnomalyDetector flat = detector(300);
        AnomalyDetector noise = detector(300);
        Random random = new Random(3);
        int noisyAlarms = 0;
        for (int i = 0; i < 4000; i++) {
            assertThat(flat.score(START + i * FIVE_MINUTES, 42.0)).isZero();
            noisyAlarms += noise.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian()) >= 0.5 ? 1 : 0;
        }

        assertThat(noisyAlarms).isLessThanOrEqualTo(1);
    }

    @Test
    void flagsADayWhoseDailyPeakIsMissing() {
        AnomalyDetector detector = detector(600);
        Random random = new Random(11);
        double maxInAnomaly = 0;
        double maxBefore = 0;
        int perDay = 288;
        for (int i = 0; i < 12 * perDay; i++) {
            int minuteOfDay = (i % perDay) * 5;
            boolean peak = minuteOfDay >= 9 * 60 && minuteOfDay < 17 * 60;
            boolean anomalousDay = i / perDay == 10;
            double value = (peak && !anomalousDay ? 80 : 20) + random.nextGaussian();
            double score = detector.score(START + i * FIVE_MINUTES, value);
            if (anomalousDay) {
                maxInAnomaly = Math.max(maxInAnomaly, score);
            } else if (i > 3 * perDay && i < 10 * perDay) {
                maxBefore = Math.max(maxBefore, score);
            }
        }

        assertThat(maxInAnomaly).isGreaterThan(0.5);
        assertThat(maxBefore).isLessThan(maxInAnomaly);
    }

    @Test
    void alarmsOncePerEpisode() {
        AnomalyDetector detector = detector(1000);
        Random random = new Random(5);
        for (int i = 0; i < 1000; i++) {
            detector.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian());
        }
        int alarms = 0;
        for (int i = 1000; i < 1050; i++) {
            alarms += detector.score(START + i * FIVE_MINUTES, 30 + 5 * random.nextGaussian()) >= 0.4 ? 1 : 0;
        }

        assertThat(alarms).isEqualTo(1);
    }

    @Test
    void ignoresNonFiniteValues() {
        AnomalyDetector detector = detector(50);
        for (int i = 0; i < 100; i++) {
            detector.score(START + i * FIVE_MINUTES, i % 2);
        }

        assertThat(detector.score(START, Double.NaN)).isZero();
        assertThat(detector.score(START, Double.POSITIVE_INFINITY)).isZero();
        assertThat(detector.samples()).isEqualTo(100);
    }

    @Test
    void sameSamplesGiveSameScores() {
        AnomalyDetector first = detector(100);
        AnomalyDetector second = detector(100);
        Random random = new Random(9);
        for (int i = 0; i < 3000; i++) {
            double value = Math.sin(i / 20.0) * 10 + random.nextGaussian() + (i % 700 == 0 ? 40 : 0);
            long time = START + i * FIVE_MINUTES;
            assertThat(first.score(time, value)).isEqualTo(second.score(time, value));
        }
    }
}
