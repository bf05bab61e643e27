package io.homeostat.engine.detect.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.SeriesLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnomalySeriesDetectorTest {

    private static final long T0 = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

    private final ManualClock clock = ManualClock.create();
    private final List<Detection> detections = new ArrayList<>();
    private final AnomalySeriesConfig config =
            AnomalySeriesConfig.of(AnomalyDetectorConfig.builder().learningPeriod(300).build());

    @Test
    void firesOnASpikeWithItsScoreAndClearsWhenCalm() {
        // Repeats (see below) come later than the calm samples here.
        AnomalySeriesDetector detector = AnomalySeriesDetector.create(config.withRepeat(Duration.ofHours(1)), clock);
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            detector.sample("db", "latency.p95", T0 + i * 1000L, 50 + random.nextGaussian(), detections::add);
        }
        assertThat(detections).isEmpty();

        detector.sample("db", "latency.p95", T0 + 2000 * 1000L, 80, detections::add);

        assertThat(detections).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Detection.Kind.ANOMALY);
            assertThat(d.status()).isEqualTo(Detection.Status.FIRING);
            assertThat(d.series()).isEqualTo(new SeriesKey("db", "latency.p95"));
            assertThat(d.category()).isEqualTo("latency");
            assertThat(d.signature()).isEqualTo("anomaly:latency.p95");
            assertThat(Double.parseDouble(d.evidence().get("score"))).isGreaterThan(0.9);
            assertThat(d.confidence()).isGreaterThan(0.9);
            assertThat(d.evidence()).containsEntry("value", "80").containsEntry("samples", "2001");
            assertThat(d.summary()).startsWith("latency.p95 of db is unusual at 80 (anomaly score ");
        });

        int calm = config.calmSamples();
        for (int i = 1; i < calm; i++) {
            detector.sample("db", "latency.p95", T0 + (2000 + i) * 1000L, 50 + random.nextGaussian(), detections::add);
        }
        assertThat(detections).hasSize(1);
        detector.sample("db", "latency.p95", T0 + (2000 + calm) * 1000L, 50, detections::add);
        assertThat(detections).hasSize(2);
        assertThat(detections.get(1).status()).isEqualTo(Detection.Status.CLEARED);
        assertThat(detections.get(1).fingerprintKey()).isEqualTo(detections.get(0).fingerprintKey());
        assertThat(detections.get(1).evidence()).containsKey("peakScore");
    }

    @Test
    void aSeriesFloodedWithSamplesIsNotToldUnusualBeforeItsLearningSpan() {
        AnomalySeriesDetector detector = AnomalySeriesDetector.create(config, clock);
        Random random = new Random(1);
        // 2,000 samples in its first 2 s, learning period (300 samples) long over, then a spike at 3 s
        for (int i = 0; i < 2000; i++) {
            detector.sample("db", "latency.p95", T0 + i, 50 + random.nextGaussian(), detections::add);
        }
        detector.sample("db", "latency.p95", T0 + 3000, 500, detections::add);
        assertThat(detections).as("a second of its life is no baseline").isEmpty();

        // A minute on, it has learnt: the same spike is news.
        for (int i = 0; i < 400; i++) {
            detector.sample("db", "latency.p95", T0 + 60_000 + i * 10L, 50 + random.nextGaussian(), detections::add);
        }
        detector.sample("db", "latency.p95", T0 + 70_000, 500, detections::add);
        assertThat(detections).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(Detection.Status.FIRING));

        AnomalySeriesDetector noSpan = AnomalySeriesDetector.create(config.withLearningSpan(Duration.ZERO), clock);
        List<Detection> early = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            noSpan.sample("db", "latency.p95", T0 + i, 50 + random.nextGaussian(), early::add);
        }
        noSpan.sample("db", "latency.p95", T0 + 3000, 500, early::add);
        assertThat(early).as("without the span, the learning period in samples alone decides").isNotEmpty();
    }

    @Test
    void saysTheAnomalyGoesOnOncePerRepeatUntilItClears() {
        AnomalySeriesDetector detector = AnomalySeriesDetector.create(config.withRepeat(Duration.ofSeconds(10)), clock);
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            detector.sample("db", "latency.p95", T0 + i * 1000L, 50 + random.nextGaussian(), detections::add);
        }
        detector.sample("db", "latency.p95", T0 + 2000 * 1000L, 80, detections::add);
        int calm = config.calmSamples(); // 85: one a second, so the anomaly lasts 85 s
        for (int i = 1; i <= calm; i++) {
            detector.sample("db", "latency.p95", T0 + (2000 + i) * 1000L, 50 + random.nextGaussian(), detections::add);
        }

        assertThat(detections).extracting(Detection::status).containsExactly(Detection.Status.FIRING,
                Detection.Status.FIRING, Detection.Status.FIRING, Detection.Status.FIRING, Detection.Status.FIRING,
                Detection.Status.FIRING, Detection.Status.FIRING, Detection.Status.FIRING, Detection.Status.FIRING,
                Detection.Status.CLEARED);
        assertThat(detections).extracting(Detection::fingerprintKey).containsOnly(detections.get(0).fingerprintKey());
        Detection repeat = detections.get(1);
        assertThat(repeat.summary()).startsWith("latency.p95 of db has been unusual for 10s, now ")
                .contains("(peak anomaly score ");
        assertThat(repeat.confidence()).isEqualTo(detections.get(0).confidence());
        assertThat(detections.get(8).summary()).startsWith("latency.p95 of db has been unusual for 80s");
    }

    @Test
    void neverScoresAnExcludedSeries() {
        SeriesKey ingest = new SeriesKey("homeostat", "homeostat.ingest.accepted");
        AnomalySeriesDetector detector = AnomalySeriesDetector.create(config.withExcluded(Set.of(ingest)), clock);
        for (int i = 0; i < 1500; i++) {
            // Traffic starts: signals accepted per second jump from none to hundreds, on both series.
            double rate = i < 1400 ? 0 : 500;
            detector.sample(ingest.service(), ingest.metric(), T0 + i * 1000L, rate, detections::add);
            detector.sample("gateway", ingest.metric(), T0 + i * 1000L, rate, detections::add);
        }

        assertThat(detections).isNotEmpty().extracting(Detection::service).containsOnly("gateway");
    }

    @Test
    void scoresEachSeriesOnItsOwn() {
        AnomalySeriesDetector detector = AnomalySeriesDetector.create(config, clock);
        for (int i = 0; i < 1500; i++) {
            Instant at = Instant.ofEpochMilli(T0 + i * 1000L);
            // The same level on one series is a jump on the other.
            detector.observe(new MetricSample("a", "heap.used.ratio", 0.5, at, Map.of()), detections::add);
            detector.observe(new MetricSample("b", "heap.used.ratio", i < 1499 ? 0.2 : 0.5, at, Map.of()),
                    detections::add);
        }

        assertThat(detections).singleElement().satisfies(d -> {
            assertThat(d.service()).isEqualTo("b");
            assertThat(d.category()).isEqualTo("resource");
            assertThat(d.evidence()).containsEntry("samples", "1500");
        });
        assertThat(detector.series()).isEqualTo(2);
    }

    @Test
    void scoresAtMostTheBoundOfSeries() {
        AnomalySeriesDetector detector =
                AnomalySeriesDetector.create(config.withLimits(new SeriesLimits(2, Duration.ofMinutes(5))), clock);

        detector.sample("a", "m", T0, 1, detections::add);
        detector.sample("b", "m", T0, 1, detections::add);
        detector.sample("c", "m", T0, 1, detections::add);
        assertThat(detector.series()).isEqualTo(2);
        assertThat(detector.untracked()).isEqualTo(1);

        // Once a and b have been idle for the idle time, c takes a place.
        detector.sample("c", "m", T0 + Duration.ofMinutes(6).toMillis(), 1, detections::add);
        assertThat(detector.series()).isEqualTo(1);
        assertThat(detector.untracked()).isEqualTo(1);
    }
}
