package io.homeostat.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.baseline.BaselineTracker;
import io.homeostat.engine.detect.threshold.Operator;
import io.homeostat.engine.detect.threshold.ThresholdDetector;
import io.homeostat.engine.detect.threshold.ThresholdRule;
import io.homeostat.engine.detect.trend.TrendDetector;
import io.homeostat.engine.detect.trend.TrendRule;
import io.homeostat.engine.detect.trend.TrendRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Replacing the rules of running detectors keeps the state of the rules that did not change. */
class RuleReplacementTest {

    private final ManualClock clock = ManualClock.create();
    private final long t0 = clock.wallMillis();
    private final List<Detection> detections = new ArrayList<>();

    private static ThresholdRule above(String name, double threshold, Duration forDuration) {
        return new ThresholdRule(name, "*", "latency.p95", Operator.ABOVE, threshold, forDuration, threshold,
                Severity.HIGH, "latency");
    }

    private void feed(ThresholdDetector detector, long second, double value) {
        detector.sample("api", "latency.p95", t0 + second * 1000, value, detections::add);
    }

    private List<String> firing() {
        return detections.stream().filter(Detection::firing).map(Detection::signature).toList();
    }

    @Test
    void anUnchangedRuleKeepsItsPendingBreachAndAChangedOneStartsOver() {
        ThresholdRule kept = above("kept", 100, Duration.ofSeconds(30));
        ThresholdDetector detector = ThresholdDetector.create(List.of(above("changed", 100, Duration.ofSeconds(30)), kept),
                clock);
        for (int s = 0; s < 20; s++) {
            feed(detector, s, 150);
        }

        detector.replaceRules(List.of(kept, above("changed", 120, Duration.ofSeconds(30))));
        for (int s = 20; s < 45; s++) {
            feed(detector, s, 150);
        }

        // "kept" was pending since second 0: it fires at 30 s; "changed" waits 30 s from the replacement.
        assertThat(firing()).containsExactly("kept");
        assertThat(detections.getFirst().evidence()).containsEntry("heldFor", "30000");
        for (int s = 45; s < 51; s++) {
            feed(detector, s, 150);
        }
        assertThat(firing()).containsExactly("kept", "changed");
        assertThat(detector.rules()).extracting(ThresholdRule::name).containsExactly("kept", "changed");
    }

    @Test
    void aFiringRuleThatDidNotChangeNeitherFiresAgainNorForgetsToClear() {
        ThresholdRule slow = above("slow", 100, Duration.ZERO);
        ThresholdDetector detector = ThresholdDetector.create(List.of(slow), clock);
        feed(detector, 0, 150);

        detector.replaceRules(List.of(above("other", 500, Duration.ZERO), slow));
        feed(detector, 1, 160);
        feed(detector, 2, 50);

        assertThat(detections).extracting(Detection::signature, Detection::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("slow", Detection.Status.FIRING),
                org.assertj.core.groups.Tuple.tuple("slow", Detection.Status.CLEARED));
        assertThat(detections.getLast().evidence()).containsEntry("worst", "160");
    }

    @Test
    void aNewRuleWatchesSeriesAlreadySeenAndARemovedOneIsSilent() {
        ThresholdDetector detector = ThresholdDetector.create(List.of(above("old", 100, Duration.ZERO)), clock);
        feed(detector, 0, 50);
        assertThat(detector.series()).isEqualTo(1);

        detector.replaceRules(List.of(above("new", 40, Duration.ZERO)));
        feed(detector, 1, 150);

        assertThat(firing()).containsExactly("new");
        assertThat(detector.series()).isEqualTo(1);
    }

    @Test
    void aChainRunsAnUpdateOnTheFeedingThreadBeforeTheNextSignalAndKeepsItsBaselines() {
        ThresholdDetector threshold = ThresholdDetector.create(List.of(above("slow", 100, Duration.ZERO)), clock);
        DetectorChain chain = DetectorChain.builder()
                .baselines(BaselineTracker.create(BaselineTracker.DEFAULT_LIMITS, baseline -> { }))
                .add(threshold).build();
        chain.observe(new MetricSample("api", "latency.p95", 50, clock.instant(), Map.of()), detections::add);
        int series = chain.series();

        CompletableFuture<Void> done = chain.update(() -> threshold.replaceRules(List.of(above("strict", 40, Duration.ZERO))));
        assertThat(done).isNotDone();
        assertThat(threshold.rules()).extracting(ThresholdRule::name).containsExactly("slow");

        chain.observe(new MetricSample("api", "latency.p95", 60, clock.instant(), Map.of()), detections::add);

        assertThat(done).isCompleted();
        assertThat(firing()).containsExactly("strict");
        assertThat(chain.series()).isEqualTo(series);
    }

    @Test
    void aFailingUpdateIsCountedAndFailsItsFutureOnly() {
        DetectorChain chain = DetectorChain.builder().build();

        CompletableFuture<Void> done = chain.update(() -> {
            throw new IllegalStateException("boom");
        });
        chain.applyUpdates();

        assertThat(done).isCompletedExceptionally();
        assertThat(chain.failures()).isEqualTo(1);
    }

    @Test
    void anUnchangedTrendRuleKeepsItsPredictionAndAChangedOneStartsWithAnEmptyWindow() {
        List<TrendRule> rules = TrendRules.parse("test", """
                predictions:
                  - {name: kept, metric: heap.used.ratio, limit: 0.9, window: 5m, bucket: 30s, horizon: 30m, category: resource}
                  - {name: changed, metric: heap.used.ratio, limit: 0.9, window: 5m, bucket: 30s, horizon: 30m, category: resource}
                """);
        // Repeats of a standing prediction (once an hour here) left out: the point is which rule starts over.
        TrendDetector detector = TrendDetector.create(rules, clock, SeriesLimits.defaults(), Duration.ofHours(1));
        long t = 0;
        for (; t < Duration.ofMinutes(6).toMillis(); t += 5_000) {
            detector.sample("orders", "heap.used.ratio", t0 + t, 0.5 + 0.02 * t / 60_000.0, detections::add);
        }
        assertThat(firing()).containsExactlyInAnyOrder("trend:kept", "trend:changed");
        detections.clear();

        TrendRule changed = TrendRules.parse("test", """
                predictions:
                  - {name: changed, metric: heap.used.ratio, limit: 0.95, window: 5m, bucket: 30s, horizon: 2h, category: resource}
                """).getFirst();
        detector.replaceRules(List.of(rules.getFirst(), changed));
        long restart = t;
        for (; t < restart + Duration.ofMinutes(2).toMillis(); t += 5_000) {
            detector.sample("orders", "heap.used.ratio", t0 + t, 0.5 + 0.02 * t / 60_000.0, detections::add);
        }
        // Two minutes are too few buckets for a new window; "kept" still fires, so it says nothing new.
        assertThat(detections).isEmpty();
        for (; t < restart + Duration.ofMinutes(4).toMillis(); t += 5_000) {
            detector.sample("orders", "heap.used.ratio", t0 + t, 0.5 + 0.02 * t / 60_000.0, detections::add);
        }
        assertThat(firing()).containsExactly("trend:changed");
    }
}
