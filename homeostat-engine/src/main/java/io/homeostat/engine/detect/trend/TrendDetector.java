package io.homeostat.engine.detect.trend;

import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.RepeatingDetector;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.SeriesLimits;
import io.homeostat.engine.detect.internal.SeriesTable;
import io.homeostat.engine.detect.internal.TailProbability;
import io.homeostat.engine.detect.internal.Wording;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Predicts when series will reach their {@link TrendRule}'s limit. Per rule and series the samples
 * of each bucket are reduced to their median (of the bucket's last 16 samples); when a bucket
 * closes, a Theil-Sen line is fitted through the window's bucket medians (at least half the
 * window's buckets must be there), and the time to reach the limit is read off it from the end of
 * the closed bucket. The fit's confidence is Kendall's tau of the medians in the direction of the
 * limit: about 0 for noise, 1 for a steady climb. The same pairs give the Mann-Kendall test's
 * one-sided p-value of a climb towards the limit (the chance of a trend this strong in a series
 * without one).
 *
 * <p>A {@link Detection.Kind#PREDICTION} detection FIRES when the line heads for the limit, the
 * confidence is at least the rule's, the p-value at most the rule's {@link TrendRule#significance()},
 * and the limit is within the horizon; its summary reads like
 * {@code memory of orders will reach 90 % in ~8 min}. It CLEARS when the fitted value has reached
 * the limit (the threshold rules take over; no new prediction until a fit shows the climb has
 * ended), or when the prediction has failed for half a
 * window of bucket fits in a row, with slack: a fit fails if its confidence is more than 0.2 below
 * the rule's, or the limit is more than twice the horizon away, or the trend turned. Noise on a
 * real climb therefore does not make the prediction flap. Until it clears, each later fit says FIRING
 * again, at most once per {@linkplain #repeat() repeat} of sample time (and at most once per bucket,
 * as fits are made once per bucket), so the incident of a prediction that still stands stays open
 * (see {@link RepeatingDetector}). Evidence: {@code limit}, {@code value} (fitted, now), {@code slopePerMinute},
 * {@code etaSeconds}, {@code confidence}, {@code pValue}, {@code buckets}, {@code window}, {@code rule}, and for a
 * clear {@code reason} ({@code reached} or {@code eased}).
 *
 * <p>Work per sample is constant; a fit (once per bucket per series) costs O(buckets^2) without
 * allocation. State per matching series is a few hundred bytes; series are bounded by
 * {@link SeriesLimits}.
 *
 * <p>{@link #replaceRules} swaps the rules between two samples and keeps the buckets and the
 * prediction of every rule that did not change.
 *
 * <p>Not thread-safe: feed it (and replace its rules) from one thread; {@link #rules()} may be
 * read from any.
 */
public final class TrendDetector implements RepeatingDetector, SeriesTable.Member {

    /** The name in every detection: {@value}. */
    public static final String NAME = "trend";

    private static final RuleTrend[] NONE = new RuleTrend[0];
    /** How far below the rule's confidence a firing prediction's fit may sag and still count as holding. */
    private static final double CONFIDENCE_SLACK = 0.2;

    private volatile List<TrendRule> rules;
    private TrendRule[] ruleArray;
    private final Clock clock;
    private final Duration repeat;
    private final long repeatMillis;
    private final SeriesTable.Stage<RuleTrend[]> stage;
    private final TheilSen fit = new TheilSen();
    private final double[] xs = new double[TheilSen.MAX_POINTS];
    private final double[] ys = new double[TheilSen.MAX_POINTS];

    private TrendDetector(List<TrendRule> rules, Clock clock, SeriesLimits limits, Duration repeat) {
        this.rules = List.copyOf(rules);
        this.ruleArray = this.rules.toArray(new TrendRule[0]);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.repeat = Durations.requirePositive(repeat, "repeat");
        this.repeatMillis = repeat.toMillis();
        this.stage = SeriesTable.Stage.of(limits, this::trendsFor, TrendDetector::firing,
                (trends, service, metric, time, value, sink) -> sample(trends, service, time, value, sink));
    }

    /**
     * A detector of {@code rules} with {@link SeriesLimits#defaults()} and the
     * {@linkplain RepeatingDetector#DEFAULT_REPEAT default repeat} (1 min).
     *
     * @param clock gives the time of the detections it makes
     * @throws NullPointerException if an argument is null
     */
    public static TrendDetector create(List<TrendRule> rules, Clock clock) {
        return create(rules, clock, SeriesLimits.defaults());
    }

    /** As {@link #create(List, Clock)} with other limits. */
    public static TrendDetector create(List<TrendRule> rules, Clock clock, SeriesLimits limits) {
        return create(rules, clock, limits, DEFAULT_REPEAT);
    }

    /**
     * As {@link #create(List, Clock, SeriesLimits)}, saying that a prediction still stands at most
     * once per {@code repeat}: at most half the hold period of the incident tracker its detections
     * go to.
     *
     * @throws IllegalArgumentException if {@code repeat} is not positive
     */
    public static TrendDetector create(List<TrendRule> rules, Clock clock, SeriesLimits limits, Duration repeat) {
        return new TrendDetector(rules, clock, limits, repeat);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration repeat() {
        return repeat;
    }

    /** The rules, in the order given (the latest {@link #replaceRules} once it ran). */
    public List<TrendRule> rules() {
        return rules;
    }

    /**
     * Runs {@code replacement} from the next sample on. Per series, a rule equal to one it had
     * (same name and every setting) keeps its buckets and prediction; a new or changed rule starts
     * with an empty window; a removed rule's state is dropped, without a cleared detection. Call it
     * on the thread that feeds the detector (a chain's
     * {@link io.homeostat.engine.detect.DetectorChain#update}).
     *
     * @throws NullPointerException if {@code replacement} or a rule in it is null
     * @throws IllegalArgumentException if two rules share a name
     */
    public void replaceRules(List<TrendRule> replacement) {
        List<TrendRule> next = List.copyOf(replacement);
        if (next.stream().map(TrendRule::name).distinct().count() != next.size()) {
            throw new IllegalArgumentException("trend rule names must be unique");
        }
        TrendRule[] old = ruleArray;
        this.ruleArray = next.toArray(new TrendRule[0]);
        this.rules = next;
        stage.replaceAll((series, trends) -> {
            RuleTrend[] after = trendsFor(series.service(), series.metric());
            TrendRule[] before = new TrendRule[trends.length];
            for (int j = 0; j < trends.length; j++) {
                before[j] = old[trends[j].rule];
            }
            for (int i = 0; i < after.length; i++) {
                for (int j = 0; j < trends.length; j++) {
                    if (before[j].equals(ruleArray[after[i].rule])) {
                        trends[j].rule = after[i].rule;
                        after[i] = trends[j];
                        break;
                    }
                }
            }
            return after;
        });
    }

    /** Series watched now (including those no rule matches). */
    public int series() {
        return stage.size();
    }

    /** New series not watched because the limit was reached. */
    public long untracked() {
        return stage.untracked();
    }

    @Override
    public void sample(String service, String metric, long timeMillis, double value, Consumer<Detection> sink) {
        stage.sample(service, metric, timeMillis, value, sink);
    }

    /** Internal: its per-series state, which a chain keeps in its shared table. */
    @Override
    public SeriesTable.Stage<?> seriesStage() {
        return stage;
    }

    private void sample(RuleTrend[] trends, String service, long timeMillis, double value, Consumer<Detection> sink) {
        for (RuleTrend trend : trends) {
            TrendRule rule = ruleArray[trend.rule];
            long index = Math.floorDiv(timeMillis, rule.bucket().toMillis());
            if (trend.openIndex == Long.MIN_VALUE) {
                trend.openIndex = index;
            } else if (index > trend.openIndex) {
                long closed = trend.openIndex;
                trend.close();
                trend.openIndex = index;
                evaluate(rule, trend, closed, service, sink);
            } else if (index < trend.openIndex) {
                continue;
            }
            trend.add(value);
        }
    }

    private void evaluate(TrendRule rule, RuleTrend trend, long closed, String service, Consumer<Detection> sink) {
        int n = 0;
        long oldest = closed - trend.medians.length + 1;
        // Points in bucket order, x in buckets from the window's start.
        for (long index = oldest; index <= closed; index++) {
            // The ring holds exactly the buckets since closed - length: a slot is there unless NaN.
            double median = trend.medians[trend.slot(index)];
            if (!Double.isNaN(median)) {
                xs[n] = index - oldest + 0.5;
                ys[n] = median;
                n++;
            }
        }
        if (n < Math.max(4, (trend.medians.length + 1) / 2)) {
            return;
        }
        fit.fit(xs, ys, n);
        double nowX = closed - oldest + 1;
        double fitted = fit.intercept + fit.slope * nowX;
        double confidence = Math.max(0, rule.rising() ? fit.tau : -fit.tau);
        double pValue = TailProbability.upper(rule.rising() ? fit.z() : -fit.z());
        boolean towards = rule.rising() ? fit.slope > 0 : fit.slope < 0;
        boolean reached = rule.rising() ? fitted >= rule.limit() : fitted <= rule.limit();
        long bucketMillis = rule.bucket().toMillis();
        long end = (closed + 1) * bucketMillis;
        double etaMillis = towards && !reached ? (rule.limit() - fitted) / fit.slope * bucketMillis : Double.POSITIVE_INFINITY;
        double slopePerMinute = fit.slope / bucketMillis * 60_000;
        boolean failing = !towards || confidence < rule.minConfidence() - CONFIDENCE_SLACK;
        boolean holding = !failing && etaMillis <= 2.0 * rule.horizon().toMillis();
        if (trend.reached) {
            // A limit once reached is the threshold rules' business until the climb ends.
            trend.reached = !failing;
        } else if (!trend.firing) {
            if (!reached && towards && confidence >= rule.minConfidence() && pValue <= rule.significance()
                    && etaMillis <= rule.horizon().toMillis()) {
                trend.firing = true;
                trend.misses = 0;
                trend.told = end;
                sink.accept(detection(rule, Detection.Status.FIRING, service, fitted, slopePerMinute, etaMillis,
                        confidence, pValue, n, null));
            }
        } else if (reached) {
            trend.firing = false;
            trend.reached = true;
            sink.accept(detection(rule, Detection.Status.CLEARED, service, fitted, slopePerMinute, etaMillis,
                    confidence, pValue, n, "reached"));
        } else if (!holding && ++trend.misses >= (trend.medians.length + 1) / 2) {
            trend.firing = false;
            trend.misses = 0;
            sink.accept(detection(rule, Detection.Status.CLEARED, service, fitted, slopePerMinute, etaMillis,
                    confidence, pValue, n, "eased"));
        } else {
            if (holding) {
                trend.misses = 0;
            }
            if (end - trend.told >= repeatMillis) {
                // The prediction still stands (a miss or two is within its slack).
                trend.told = end;
                sink.accept(detection(rule, Detection.Status.FIRING, service, fitted, slopePerMinute, etaMillis,
                        confidence, pValue, n, null));
            }
        }
    }

    private Detection detection(TrendRule rule, Detection.Status status, String service, double fitted,
            double slopePerMinute, double etaMillis, double confidence, double pValue, int points, String reason) {
        String limit = Wording.value(rule.metric(), rule.limit());
        String summary = switch (status) {
            case FIRING -> Double.isFinite(etaMillis)
                    ? rule.name() + " of " + service + " will reach " + limit + " in ~"
                            + Wording.duration(Duration.ofMillis((long) etaMillis))
                    : rule.name() + " of " + service + " is still predicted to reach " + limit
                            + " (the latest fit does not show the climb)";
            case CLEARED -> "reached".equals(reason)
                    ? rule.name() + " of " + service + " has reached " + limit
                    : rule.name() + " of " + service + " is no longer heading for " + limit;
        };
        Map<String, String> evidence = new java.util.HashMap<>(Map.of(
                "limit", Wording.number(rule.limit()),
                "value", Wording.number(fitted),
                "slopePerMinute", Wording.number(slopePerMinute),
                "etaSeconds", Double.isFinite(etaMillis) ? Long.toString(Math.round(etaMillis / 1000)) : "never",
                "confidence", Wording.number(Math.round(confidence * 1000) / 1000.0),
                "buckets", Integer.toString(points),
                "window", Long.toString(rule.window().toSeconds()) + "s",
                "rule", rule.name()));
        evidence.put("pValue", String.format(Locale.ROOT, "%.2g", pValue));
        if (reason != null) {
            evidence.put("reason", reason);
        }
        return new Detection(UUID.randomUUID().toString(), NAME, Detection.Kind.PREDICTION, status,
                new SeriesKey(service, rule.metric()), rule.category(), "trend:" + rule.name(), rule.severity(),
                Math.min(1, confidence), summary, evidence, clock.instant());
    }

    private RuleTrend[] trendsFor(String service, String metric) {
        List<RuleTrend> matching = new ArrayList<>();
        for (int i = 0; i < ruleArray.length; i++) {
            if (ruleArray[i].matches(service, metric)) {
                matching.add(new RuleTrend(i, ruleArray[i].buckets()));
            }
        }
        return matching.isEmpty() ? NONE : matching.toArray(new RuleTrend[0]);
    }

    private static boolean firing(RuleTrend[] trends) {
        for (RuleTrend trend : trends) {
            if (trend.firing) {
                return true;
            }
        }
        return false;
    }
}
