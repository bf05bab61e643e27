package io.homeostat.engine.detect.threshold;

import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.RepeatingDetector;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.SeriesLimits;
import io.homeostat.engine.detect.internal.SeriesTable;
import io.homeostat.engine.detect.internal.Wording;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs {@link ThresholdRule}s over series values. Per rule and series: a breaching value starts a
 * pending period; once the breach has lasted the rule's {@code for} (measured in sample time) the
 * detector emits a {@link Detection.Status#FIRING} {@link Detection.Kind#THRESHOLD} detection;
 * a value that does not breach while pending resets it. While the rule fires it says so again at
 * most once per {@linkplain #repeat() repeat} (of sample time), with the next value that has not
 * come back past its clear level, so that a breach that goes on keeps its incident open (see
 * {@link RepeatingDetector}). A value back past the clear level ends it with one
 * {@link Detection.Status#CLEARED} detection.
 * Evidence: {@code value}, {@code threshold}, {@code operator}, {@code clear}, {@code for},
 * {@code heldFor} (how long the breach had lasted, in milliseconds), {@code worst} (the worst value
 * since the breach began) and {@code rule}. The signature is the rule's name; confidence is 1.
 *
 * <p>State is a few words per matching rule and series, for at most {@link SeriesLimits#maxSeries()}
 * series (a firing series is never forgotten). A quiet value allocates nothing.
 *
 * <p>{@link #replaceRules} swaps the rules between two samples and keeps the state of every rule
 * that did not change.
 *
 * <p>Not thread-safe: feed it (and replace its rules) from one thread; {@link #rules()} may be
 * read from any.
 */
public final class ThresholdDetector implements RepeatingDetector, SeriesTable.Member {

    /** The name in every detection: {@value}. */
    public static final String NAME = "threshold";

    private volatile List<ThresholdRule> rules;
    private ThresholdRule[] ruleArray;
    private final Clock clock;
    private final Duration repeat;
    private final long repeatMillis;
    private final SeriesTable.Stage<RuleStates> stage;
    private final Map<List<Integer>, int[]> ruleSets = new HashMap<>();

    private ThresholdDetector(List<ThresholdRule> rules, Clock clock, SeriesLimits limits, Duration repeat) {
        this.rules = List.copyOf(rules);
        this.ruleArray = this.rules.toArray(new ThresholdRule[0]);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.repeat = Durations.requirePositive(repeat, "repeat");
        this.repeatMillis = repeat.toMillis();
        this.stage = SeriesTable.Stage.of(limits, this::statesFor, RuleStates::anyFiring,
                (states, service, metric, time, value, sink) -> sample(states, service, time, value, sink));
    }

    /**
     * A detector of {@code rules} with {@link SeriesLimits#defaults()} and the
     * {@linkplain RepeatingDetector#DEFAULT_REPEAT default repeat} (1 min).
     *
     * @param clock gives the time of the detections it makes
     * @throws NullPointerException if an argument is null
     */
    public static ThresholdDetector create(List<ThresholdRule> rules, Clock clock) {
        return create(rules, clock, SeriesLimits.defaults());
    }

    /** As {@link #create(List, Clock)} with other limits. */
    public static ThresholdDetector create(List<ThresholdRule> rules, Clock clock, SeriesLimits limits) {
        return create(rules, clock, limits, DEFAULT_REPEAT);
    }

    /**
     * As {@link #create(List, Clock, SeriesLimits)}, saying that a rule still fires at most once per
     * {@code repeat}: at most half the hold period of the incident tracker its detections go to.
     *
     * @throws IllegalArgumentException if {@code repeat} is not positive
     */
    public static ThresholdDetector create(List<ThresholdRule> rules, Clock clock, SeriesLimits limits,
            Duration repeat) {
        return new ThresholdDetector(rules, clock, limits, repeat);
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
    public List<ThresholdRule> rules() {
        return rules;
    }

    /**
     * Runs {@code replacement} from the next sample on. Per series, a rule equal to one it had
     * (same name and every setting) keeps its state: pending since, worst value, firing; a new or
     * changed rule starts idle (a changed rule that still breaches fires again after its
     * {@code for}); a removed rule's state is dropped, without a cleared detection. Series no old
     * rule matched start watching the new rules that match them. Call it on the thread that feeds
     * the detector (a chain's {@link io.homeostat.engine.detect.DetectorChain#update}).
     *
     * @throws NullPointerException if {@code replacement} or a rule in it is null
     * @throws IllegalArgumentException if two rules share a name
     */
    public void replaceRules(List<ThresholdRule> replacement) {
        List<ThresholdRule> next = List.copyOf(replacement);
        if (next.stream().map(ThresholdRule::name).distinct().count() != next.size()) {
            throw new IllegalArgumentException("threshold rule names must be unique");
        }
        ThresholdRule[] old = ruleArray;
        this.ruleArray = next.toArray(new ThresholdRule[0]);
        this.rules = next;
        ruleSets.clear();
        stage.replaceAll((series, states) -> carryOver(old, states, statesFor(series.service(), series.metric())));
    }

    private RuleStates carryOver(ThresholdRule[] old, RuleStates before, RuleStates after) {
        for (int i = 0; i < after.rules.length; i++) {
            ThresholdRule rule = ruleArray[after.rules[i]];
            for (int j = 0; j < before.rules.length; j++) {
                if (old[before.rules[j]].equals(rule)) {
                    after.since(i, before.since(j));
                    after.worst(i, before.worst(j));
                    after.firingAs(i, before, j);
                    break;
                }
            }
        }
        return after;
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

    private void sample(RuleStates states, String service, long timeMillis, double value, Consumer<Detection> sink) {
        for (int i = 0; i < states.rules.length; i++) {
            ThresholdRule rule = ruleArray[states.rules[i]];
            if (states.firing(i)) {
                whileFiring(rule, states, i, service, timeMillis, value, sink);
            } else if (rule.operator().breaches(value, rule.threshold())) {
                if (states.since(i) == RuleStates.NOT_PENDING) {
                    states.since(i, timeMillis);
                    states.worst(i, value);
                } else if (rule.operator().upward() ? value > states.worst(i) : value < states.worst(i)) {
                    states.worst(i, value);
                }
                long held = timeMillis - states.since(i);
                if (held >= rule.forDuration().toMillis()) {
                    states.told(i, timeMillis);
                    sink.accept(detection(rule, Detection.Status.FIRING, service, value, held, states.worst(i)));
                }
            } else {
                states.since(i, RuleStates.NOT_PENDING);
            }
        }
    }

    private void whileFiring(ThresholdRule rule, RuleStates states, int i, String service, long timeMillis,
            double value, Consumer<Detection> sink) {
        if (rule.operator().upward() ? value > states.worst(i) : value < states.worst(i)) {
            states.worst(i, value);
        }
        if (rule.operator().clears(value, rule.clear())) {
            long held = timeMillis - states.since(i);
            states.cleared(i);
            states.since(i, RuleStates.NOT_PENDING);
            sink.accept(detection(rule, Detection.Status.CLEARED, service, value, held, states.worst(i)));
        } else if (timeMillis - states.told(i) >= repeatMillis) {
            // Still past the clear level (hysteresis: not necessarily past the threshold): say so again.
            states.told(i, timeMillis);
            sink.accept(detection(rule, Detection.Status.FIRING, service, value, timeMillis - states.since(i),
                    states.worst(i)));
        }
    }

    private RuleStates statesFor(String service, String metric) {
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < ruleArray.length; i++) {
            if (ruleArray[i].matches(service, metric)) {
                matching.add(i);
            }
        }
        if (matching.isEmpty()) {
            return RuleStates.NONE;
        }
        // Series matching the same rules share one array of their indices.
        return new RuleStates(ruleSets.computeIfAbsent(matching, m -> m.stream().mapToInt(Integer::intValue).toArray()));
    }

    private Detection detection(ThresholdRule rule, Detection.Status status, String service, double value,
            long heldMillis, double worst) {
        SeriesKey series = new SeriesKey(service, rule.metric());
        String held = Wording.duration(Duration.ofMillis(heldMillis));
        String summary;
        if (status == Detection.Status.CLEARED) {
            summary = rule.metric() + " of " + service + " is back to " + Wording.number(value) + " after " + held
                    + " (rule " + rule.name() + ")";
        } else if (rule.operator().breaches(value, rule.threshold())) {
            summary = rule.metric() + " of " + service + " is " + Wording.number(value) + " " + rule.operator().symbol()
                    + " " + Wording.number(rule.threshold()) + " for " + held + " (rule " + rule.name() + ")";
        } else {
            summary = rule.metric() + " of " + service + " is " + Wording.number(value) + ", not yet back to "
                    + Wording.number(rule.clear()) + ", " + held + " after it passed " + Wording.number(rule.threshold())
                    + " (rule " + rule.name() + ")";
        }
        Map<String, String> evidence = Map.of(
                "value", Wording.number(value),
                "threshold", Wording.number(rule.threshold()),
                "operator", rule.operator().symbol(),
                "clear", Wording.number(rule.clear()),
                "for", Long.toString(rule.forDuration().toMillis()),
                "heldFor", Long.toString(heldMillis),
                "worst", Wording.number(worst),
                "rule", rule.name());
        return new Detection(UUID.randomUUID().toString(), NAME, Detection.Kind.THRESHOLD, status, series,
                rule.category(), rule.name(), rule.severity(), 1.0, summary, evidence, clock.instant());
    }
}
