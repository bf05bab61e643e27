package io.homeostat.engine.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.detect.threshold.Operator;
import io.homeostat.engine.detect.threshold.ThresholdDetector;
import io.homeostat.engine.detect.threshold.ThresholdRule;
import io.homeostat.engine.learn.threshold.LabelledSample;
import io.homeostat.engine.learn.threshold.ThresholdAdaptation;
import io.homeostat.engine.learn.threshold.ThresholdAdaptationConfig;
import io.homeostat.engine.learn.threshold.ThresholdAdapter;
import io.homeostat.engine.learn.threshold.ThresholdChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A latency rule set too high (p95 above 300 ms) misses every slowdown of the orders service:
 * during its real problems p95 sits around 200 ms, against about 100 ms otherwise. A week of
 * per-minute samples, labelled by the incidents people confirmed, goes to the adapter; the rule it
 * hands back, run in the real threshold detector over the next week, fires in every problem and
 * not outside them.
 */
class AdaptedThresholdScenarioTest {

    private static final ThresholdRule TOO_HIGH = new ThresholdRule("slow-orders", "orders", "latency.p95",
            Operator.ABOVE, 300, Duration.ofMinutes(2), 290, Severity.HIGH, "latency");

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T00:00:00Z"));

    /** A week of minutes with a 40-minute problem at 14:00 every day. */
    private List<LabelledSample> week(Instant start, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabelledSample> samples = new ArrayList<>();
        for (int minute = 0; minute < 7 * 24 * 60; minute++) {
            int ofDay = minute % (24 * 60);
            boolean problem = ofDay >= 14 * 60 && ofDay < 14 * 60 + 40;
            double noise = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            double value = problem ? 200 + 20 * noise : 100 + 10 * noise;
            samples.add(new LabelledSample(value, problem, start.plus(Duration.ofMinutes(minute))));
        }
        return samples;
    }

    private static List<Detection> detect(ThresholdRule rule, List<LabelledSample> samples, ManualClock clock) {
        ThresholdDetector detector = ThresholdDetector.create(List.of(rule), clock);
        List<Detection> detections = new ArrayList<>();
        for (LabelledSample sample : samples) {
            if (sample.time().isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), sample.time()));
            }
            detector.sample("orders", "latency.p95", sample.time().toEpochMilli(), sample.value(), detections::add);
        }
        return detections.stream().filter(Detection::firing).toList();
    }

    private static boolean duringProblem(Instant time) {
        long ofDay = (time.getEpochSecond() / 60) % (24 * 60);
        return ofDay >= 14 * 60 && ofDay < 14 * 60 + 40 + 1;
    }

    @Test
    void theAdaptedRuleFiresInEveryProblemOfTheNextWeekAndNowhereElse() {
        Instant lastWeek = clock.instant().minus(Duration.ofDays(7));
        List<LabelledSample> history = week(lastWeek, 1);
        assertThat(detect(TOO_HIGH, history, clock)).as("the rule as configured sees nothing").isEmpty();
        List<ThresholdChange> audit = new ArrayList<>();

        ThresholdAdaptation adaptation = ThresholdAdapter.create(ThresholdAdaptationConfig.within(80, 1_000), audit::add,
                clock).adapt(TOO_HIGH, history);

        assertThat(adaptation.changed()).isTrue();
        assertThat(audit).singleElement().satisfies(c -> assertThat(c.oldThreshold()).isEqualTo(300));
        List<Detection> nextWeek = detect(adaptation.rule(), week(clock.instant(), 2), clock);
        assertThat(clock.instant()).isAfter(lastWeek.plus(Duration.ofDays(13)));
        // Once a day, when the problem comes (and again once a minute while it lasts), and never outside one.
        assertThat(nextWeek).allSatisfy(d -> assertThat(duringProblem(d.time())).as(d.time().toString()).isTrue());
        assertThat(nextWeek.stream().map(d -> d.time().getEpochSecond() / 86_400).distinct()).hasSize(7);
    }
}
