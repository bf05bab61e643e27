package io.homeostat.engine.learn.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.detect.threshold.Operator;
import io.homeostat.engine.detect.threshold.ThresholdRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThresholdAdapterTest {

    private final ManualClock clock = ManualClock.create();
    private final List<ThresholdChange> audited = new ArrayList<>();

    private static final ThresholdRule LATENCY = new ThresholdRule("slow-orders", "orders", "latency.p95",
            Operator.ABOVE, 300, Duration.ofSeconds(30), 280, Severity.HIGH, "latency");

    private ThresholdAdapter adapter(ThresholdAdaptationConfig config) {
        return ThresholdAdapter.create(config, audited::add, clock);
    }

    /** {@code normal} values ~ N(normalMean, normalSd) and {@code problem} values ~ N(problemMean, problemSd). */
    private List<LabelledSample> history(long seed, int normal, double normalMean, double normalSd, int problem,
            double problemMean, double problemSd) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabelledSample> samples = new ArrayList<>();
        int stride = (normal + problem) / problem;
        int problems = 0;
        for (int i = 0; i < normal + problem; i++) {
            boolean isProblem = i % stride == 0 && problems < problem;
            problems += isProblem ? 1 : 0;
            double mean = isProblem ? problemMean : normalMean;
            double sd = isProblem ? problemSd : normalSd;
            samples.add(new LabelledSample(mean + sd * gaussian(random), isProblem, clock.instant().plusSeconds(60L * i)));
        }
        return samples;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double falsePositiveRate(ThresholdRule rule, List<LabelledSample> samples) {
        return samples.stream().filter(s -> !s.problem()).filter(s -> rule.operator().breaches(s.value(), rule.threshold()))
                .count() / (double) samples.stream().filter(s -> !s.problem()).count();
    }

    private static double falseNegativeRate(ThresholdRule rule, List<LabelledSample> samples) {
        return samples.stream().filter(LabelledSample::problem)
                .filter(s -> !rule.operator().breaches(s.value(), rule.threshold())).count()
                / (double) samples.stream().filter(LabelledSample::problem).count();
    }

    @Test
    void adaptationMeetsTheFalsePositiveAndFalseNegativeTargetsOnSeparableData() {
        List<LabelledSample> training = history(1, 2_000, 100, 10, 200, 200, 20);
        assertThat(falsePositiveRate(LATENCY, training)).isZero();
        assertThat(falseNegativeRate(LATENCY, training)).as("300 misses most problems").isGreaterThan(0.9);

        ThresholdAdaptation adaptation = adapter(ThresholdAdaptationConfig.within(50, 1_000)).adapt(LATENCY, training);

        assertThat(adaptation.changed()).isTrue();
        ThresholdRule rule = adaptation.rule();
        assertThat(rule.threshold()).isBetween(116.0, 160.0);
        assertThat(falsePositiveRate(rule, training)).isLessThanOrEqualTo(0.05);
        assertThat(falseNegativeRate(rule, training)).isLessThanOrEqualTo(0.01);
        List<LabelledSample> fresh = history(2, 2_000, 100, 10, 200, 200, 20);
        assertThat(falsePositiveRate(rule, fresh)).as("holds on fresh data of the same kind").isLessThanOrEqualTo(0.05);
        assertThat(falseNegativeRate(rule, fresh)).isLessThanOrEqualTo(0.01);
        assertThat(adaptation.evidence()).containsEntry("falsePositiveTargetMet", "true")
                .containsEntry("falseNegativeTargetMet", "true").containsEntry("bothTargetsFeasible", "true");
    }

    @Test
    void theChangeIsAuditedWithOldAndNewValueAndEvidenceAndKeepsTheRulesShape() {
        ThresholdAdaptation adaptation = adapter(ThresholdAdaptationConfig.within(50, 1_000))
                .adapt(LATENCY, history(1, 2_000, 100, 10, 200, 200, 20));

        assertThat(audited).hasSize(1);
        ThresholdChange change = audited.getFirst();
        assertThat(change.oldThreshold()).isEqualTo(300);
        assertThat(change.newThreshold()).isEqualTo(adaptation.rule().threshold());
        assertThat(change.time()).isEqualTo(clock.instant());
        assertThat(change.evidence()).containsEntry("normalSamples", "2000").containsEntry("problemSamples", "200")
                .containsEntry("bounded", "false").containsKeys("falsePositiveRate.before", "falseNegativeRate.after");
        assertThat(change.reason()).contains("slow-orders", "300");
        ThresholdRule after = change.after();
        assertThat(after.threshold() - after.clear()).as("hysteresis kept").isCloseTo(20, within(1e-9));
        assertThat(after).usingRecursiveComparison().ignoringFields("threshold", "clear").isEqualTo(LATENCY);
    }

    @Test
    void whenBothTargetsCannotHoldTheFalseNegativeTargetWins() {
        List<LabelledSample> overlapping = history(3, 2_000, 100, 20, 200, 150, 20);

        ThresholdAdaptation adaptation = adapter(ThresholdAdaptationConfig.within(0, 1_000)).adapt(LATENCY, overlapping);

        assertThat(adaptation.changed()).isTrue();
        assertThat(falseNegativeRate(adaptation.rule(), overlapping)).isLessThanOrEqualTo(0.01);
        assertThat(falsePositiveRate(adaptation.rule(), overlapping)).isGreaterThan(0.05);
        assertThat(adaptation.evidence()).containsEntry("bothTargetsFeasible", "false")
                .containsEntry("falseNegativeTargetMet", "true").containsEntry("falsePositiveTargetMet", "false");
        assertThat(adaptation.reason()).contains("false-negative target wins");
        double[] problems = overlapping.stream().filter(LabelledSample::problem).mapToDouble(LabelledSample::value)
                .sorted().toArray();
        double third = problems[2];
        ThresholdRule atThird = new ThresholdRule("x", "*", "m", Operator.ABOVE, third, Duration.ZERO, third,
                Severity.LOW, "c");
        assertThat(falseNegativeRate(atThird, overlapping)).as("2 of 200 misses are allowed, 3 are not").isGreaterThan(0.01);
        double threshold = adaptation.rule().threshold();
        assertThat(threshold).isLessThan(third);
        assertThat(overlapping).as("no higher threshold keeping the FN target would raise fewer false alarms")
                .noneMatch(s -> !s.problem() && s.value() > threshold && s.value() < third);
    }

    @Test
    void aChangeOfTwentyPercentOrLessIsNotMade() {
        List<LabelledSample> training = history(1, 2_000, 100, 10, 200, 200, 20);
        double computed = adapter(ThresholdAdaptationConfig.within(0, 1_000)).adapt(LATENCY, training).rule().threshold();
        audited.clear();
        ThresholdRule near = new ThresholdRule("near", "orders", "latency.p95", Operator.ABOVE, computed * 1.19,
                Duration.ZERO, computed * 1.19, Severity.MEDIUM, "latency");
        ThresholdRule far = new ThresholdRule("far", "orders", "latency.p95", Operator.ABOVE, computed * 1.26,
                Duration.ZERO, computed * 1.26, Severity.MEDIUM, "latency");

        ThresholdAdaptation kept = adapter(ThresholdAdaptationConfig.within(0, 1_000)).adapt(near, training);
        ThresholdAdaptation moved = adapter(ThresholdAdaptationConfig.within(0, 1_000)).adapt(far, training);

        assertThat(kept.decision()).isEqualTo(ThresholdAdaptation.Decision.KEPT);
        assertThat(kept.rule()).isSameAs(near);
        assertThat(moved.decision()).isEqualTo(ThresholdAdaptation.Decision.CHANGED);
        assertThat(audited).extracting(c -> c.before().name()).containsExactly("far");
    }

    @Test
    void theThresholdStaysWithinTheConfiguredBounds() {
        List<LabelledSample> training = history(1, 2_000, 100, 10, 200, 200, 20);

        ThresholdAdaptation low = adapter(ThresholdAdaptationConfig.within(180, 1_000)).adapt(LATENCY, training);
        ThresholdAdaptation high = adapter(ThresholdAdaptationConfig.within(10, 60)).adapt(LATENCY, training);

        assertThat(low.rule().threshold()).isEqualTo(180);
        assertThat(low.evidence()).containsEntry("bounded", "true");
        assertThat(Double.parseDouble(low.evidence().get("computedThreshold"))).isLessThan(180);
        assertThat(low.reason()).contains("bound");
        assertThat(high.rule().threshold()).isEqualTo(60);
        assertThat(audited).extracting(ThresholdChange::newThreshold).containsExactly(180.0, 60.0);
    }

    @Test
    void aDownwardRuleIsAdaptedOnTheLowSide() {
        ThresholdRule throughput = new ThresholdRule("low-throughput", "orders", "throughput", Operator.BELOW, 100,
                Duration.ZERO, 150, Severity.MEDIUM, "errors");
        List<LabelledSample> training = history(4, 2_000, 1_000, 50, 200, 400, 100);

        ThresholdAdaptation adaptation = adapter(ThresholdAdaptationConfig.within(0, 5_000)).adapt(throughput, training);

        assertThat(adaptation.changed()).isTrue();
        assertThat(adaptation.rule().threshold()).isBetween(650.0, 920.0);
        assertThat(adaptation.rule().clear()).isEqualTo(adaptation.rule().threshold() + 50);
        assertThat(falsePositiveRate(adaptation.rule(), training)).isLessThanOrEqualTo(0.05);
        assertThat(falseNegativeRate(adaptation.rule(), training)).isLessThanOrEqualTo(0.01);
    }

    @Test
    void tooLittleHistoryChangesNothing() {
        ThresholdAdaptation adaptation = adapter(ThresholdAdaptationConfig.within(0, 1_000))
                .adapt(LATENCY, history(1, 200, 100, 10, 4, 200, 20));

        assertThat(adaptation.decision()).isEqualTo(ThresholdAdaptation.Decision.TOO_LITTLE_HISTORY);
        assertThat(adaptation.rule()).isSameAs(LATENCY);
        assertThat(audited).isEmpty();
    }

    @Test
    void anAuditThatFailsStopsTheChange() {
        ThresholdAdapter failing = ThresholdAdapter.create(ThresholdAdaptationConfig.within(0, 1_000), change -> {
            throw new IllegalStateException("audit log closed");
        }, clock);

        assertThatThrownBy(() -> failing.adapt(LATENCY, history(1, 2_000, 100, 10, 200, 200, 20)))
                .isInstanceOf(IllegalStateException.class).hasMessage("audit log closed");
    }

    @Test
    void configRejectsBadTargetsAndBounds() {
        assertThatThrownBy(() -> ThresholdAdaptationConfig.within(10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThresholdAdaptationConfig.within(0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThresholdAdaptationConfig(0.6, 0.01, 0.2, 0, 1, 20, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThresholdAdaptationConfig(0.05, 0.01, -0.1, 0, 1, 20, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThresholdAdaptationConfig(0.05, 0.01, 0.2, 0, 1, 0, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LabelledSample(Double.NaN, false, clock.instant()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
