package io.homeostat.engine.learn.threshold;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.threshold.ThresholdRule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Recomputes a {@link ThresholdRule}'s threshold from labelled history ({@link ThresholdEstimate}
 * says how), and adopts it only when it differs from the current one by more than
 * {@link ThresholdAdaptationConfig#minRelativeChange()} of it, within the configured bounds. Each
 * change is reported to the {@link ThresholdAudit} with the old and new value and the evidence
 * before the new rule is returned; the rule's hysteresis (the distance from threshold to clear
 * level), its {@code for} duration, severity and category are kept.
 *
 * <p>It changes no detector by itself: the caller installs the returned rule. Thread-safe if the
 * audit is.
 */
public final class ThresholdAdapter {

    private final ThresholdAdaptationConfig config;
    private final ThresholdAudit audit;
    private final Clock clock;

    private ThresholdAdapter(ThresholdAdaptationConfig config, ThresholdAudit audit, Clock clock) {
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * An adapter with {@code config}, reporting changes to {@code audit}, stamping them with
     * {@code clock}'s time.
     *
     * @throws NullPointerException if an argument is null
     */
    public static ThresholdAdapter create(ThresholdAdaptationConfig config, ThresholdAudit audit, Clock clock) {
        return new ThresholdAdapter(Objects.requireNonNull(config, "config"), Objects.requireNonNull(audit, "audit"),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Decides whether {@code rule} should get a new threshold, given the history of the series it
     * watches.
     *
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException whatever the audit throws; the change is then not made
     */
    public ThresholdAdaptation adapt(ThresholdRule rule, List<LabelledSample> history) {
        Objects.requireNonNull(rule, "rule");
        double[] normals = history.stream().filter(s -> !s.problem()).mapToDouble(LabelledSample::value).toArray();
        double[] problems = history.stream().filter(LabelledSample::problem).mapToDouble(LabelledSample::value).toArray();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("rule", rule.name());
        evidence.put("series", rule.service() + "/" + rule.metric());
        evidence.put("normalSamples", Integer.toString(normals.length));
        evidence.put("problemSamples", Integer.toString(problems.length));
        if (normals.length < config.minNormalSamples() || problems.length < config.minProblemSamples()) {
            return new ThresholdAdaptation(ThresholdAdaptation.Decision.TOO_LITTLE_HISTORY, rule,
                    "too little history: " + normals.length + " normal and " + problems.length + " problem samples, need "
                            + config.minNormalSamples() + " and " + config.minProblemSamples(), evidence);
        }
        ThresholdEstimate estimate = ThresholdEstimate.of(rule.operator(), normals, problems, config);
        describe(evidence, rule, estimate, normals, problems, history);
        double current = rule.threshold();
        double change = current == 0 ? (estimate.threshold() == 0 ? 0 : Double.POSITIVE_INFINITY)
                : Math.abs(estimate.threshold() - current) / Math.abs(current);
        evidence.put("relativeChange", format(change));
        if (change <= config.minRelativeChange()) {
            return new ThresholdAdaptation(ThresholdAdaptation.Decision.KEPT, rule, "kept " + format(current) + ": "
                    + format(estimate.threshold()) + " is within " + percent(config.minRelativeChange()) + " of it",
                    evidence);
        }
        ThresholdRule updated = withThreshold(rule, estimate.threshold());
        String reason = rule.name() + " threshold " + format(current) + " -> " + format(estimate.threshold())
                + " (false positives " + percent(estimate.falsePositiveRate()) + ", false negatives "
                + percent(estimate.falseNegativeRate()) + " on " + history.size() + " labelled samples"
                + (estimate.feasible() ? "" : "; both targets cannot hold, the false-negative target wins")
                + (estimate.bounded() ? "; held at a configured bound" : "") + ")";
        audit.changed(new ThresholdChange(rule, updated, reason, evidence, clock.instant()));
        return new ThresholdAdaptation(ThresholdAdaptation.Decision.CHANGED, updated, reason, evidence);
    }

    /** The configuration in use. */
    public ThresholdAdaptationConfig config() {
        return config;
    }

    private void describe(Map<String, String> evidence, ThresholdRule rule, ThresholdEstimate estimate,
            double[] normals, double[] problems, List<LabelledSample> history) {
        evidence.put("from", history.stream().map(LabelledSample::time).min(Instant::compareTo).orElseThrow().toString());
        evidence.put("to", history.stream().map(LabelledSample::time).max(Instant::compareTo).orElseThrow().toString());
        evidence.put("oldThreshold", format(rule.threshold()));
        evidence.put("newThreshold", format(estimate.threshold()));
        evidence.put("computedThreshold", format(estimate.unbounded()));
        evidence.put("bounds", "[" + format(config.lowerBound()) + ", " + format(config.upperBound()) + "]");
        evidence.put("bounded", Boolean.toString(estimate.bounded()));
        evidence.put("falsePositiveRate.before",
                format(ThresholdEstimate.falsePositiveRate(rule.operator(), rule.threshold(), normals)));
        evidence.put("falseNegativeRate.before",
                format(ThresholdEstimate.falseNegativeRate(rule.operator(), rule.threshold(), problems)));
        evidence.put("falsePositiveRate.after", format(estimate.falsePositiveRate()));
        evidence.put("falseNegativeRate.after", format(estimate.falseNegativeRate()));
        evidence.put("falsePositiveTarget", format(config.falsePositiveTarget()));
        evidence.put("falseNegativeTarget", format(config.falseNegativeTarget()));
        evidence.put("falsePositiveTargetMet", Boolean.toString(estimate.falsePositiveRate() <= config.falsePositiveTarget()));
        evidence.put("falseNegativeTargetMet", Boolean.toString(estimate.falseNegativeRate() <= config.falseNegativeTarget()));
        evidence.put("bothTargetsFeasible", Boolean.toString(estimate.feasible()));
    }

    private static ThresholdRule withThreshold(ThresholdRule rule, double threshold) {
        double gap = Math.abs(rule.threshold() - rule.clear());
        double clear = rule.operator().upward() ? threshold - gap : threshold + gap;
        return new ThresholdRule(rule.name(), rule.service(), rule.metric(), rule.operator(), threshold,
                rule.forDuration(), clear, rule.severity(), rule.category());
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", share * 100);
    }
}
