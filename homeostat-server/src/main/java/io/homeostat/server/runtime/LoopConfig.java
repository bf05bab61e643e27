package io.homeostat.server.runtime;

import io.homeostat.engine.detect.threshold.ThresholdRule;
import io.homeostat.engine.detect.threshold.ThresholdRules;
import io.homeostat.engine.detect.trend.TrendRule;
import io.homeostat.engine.detect.trend.TrendRules;
import io.homeostat.engine.diagnose.rule.DiagnosisRules;
import io.homeostat.engine.diagnose.rule.RuleSet;
import io.homeostat.engine.plan.DefaultWorkflows;
import io.homeostat.engine.plan.Workflow;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a running loop can take from {@code homeostat.yaml} without a restart: its threshold and
 * trend rules, diagnosis rules, recovery workflows (besides those an embedding application adds)
 * and feature flags. Each rules part is the file's section, or the shipped default where the file
 * has none; workflows are the file's and the shipped ones it does not replace by name. Immutable and thread-safe; {@link Reconfigurer} applies it to a loop.
 *
 * @param thresholdRules the threshold rules (shipped: {@link ThresholdRules#defaults()})
 * @param trendRules the prediction rules (shipped: {@link TrendRules#defaults()})
 * @param diagnosisRules the diagnosis rules (shipped: {@link DiagnosisRules#defaults()})
 * @param workflows the workflows: the file's, then the shipped ones ({@link DefaultWorkflows#load()})
 *     the file does not name
 * @param flags feature flags by name (shipped: none), sorted by name
 * @param fromFile the sections the file set, e.g. {@code detection.threshold}, and those it set that
 *     are read at start only, e.g. {@code incidents}; the loop's others are shipped
 */
public record LoopConfig(List<ThresholdRule> thresholdRules, List<TrendRule> trendRules, RuleSet diagnosisRules,
        List<Workflow> workflows, Map<String, FlagSetting> flags, Set<String> fromFile) {

    /** The sections a file may set: {@value}. */
    public static final String THRESHOLD = "detection.threshold";
    /** See {@link #THRESHOLD}: {@value}. */
    public static final String TREND = "detection.trend";
    /** See {@link #THRESHOLD}: {@value}. */
    public static final String DIAGNOSIS = "diagnosis";
    /** See {@link #THRESHOLD}: {@value}. */
    public static final String WORKFLOWS = "workflows";
    /** See {@link #THRESHOLD}: {@value}. */
    public static final String FLAGS = "flags";

    /**
     * Copies the parts.
     *
     * @throws NullPointerException if a part is null
     */
    public LoopConfig {
        thresholdRules = List.copyOf(thresholdRules);
        trendRules = List.copyOf(trendRules);
        Objects.requireNonNull(diagnosisRules, "diagnosisRules");
        workflows = List.copyOf(workflows);
        flags = java.util.Collections.unmodifiableMap(new TreeMap<>(flags));
        fromFile = Set.copyOf(fromFile);
    }

    /** This configuration, saying that the file also set {@code sections}. */
    public LoopConfig alsoFromFile(Set<String> sections) {
        Set<String> all = new java.util.HashSet<>(fromFile);
        all.addAll(sections);
        return new LoopConfig(thresholdRules, trendRules, diagnosisRules, workflows, flags, all);
    }

    /** The shipped defaults: what a loop runs without a configuration file. */
    public static LoopConfig defaults() {
        return new LoopConfig(ThresholdRules.defaults(), TrendRules.defaults(), DiagnosisRules.defaults(),
                DefaultWorkflows.load(), Map.of(), Set.of());
    }
}
