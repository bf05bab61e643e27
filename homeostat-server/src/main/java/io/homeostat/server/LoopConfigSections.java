package io.homeostat.server;

import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.config.ConfigNode;
import io.homeostat.engine.detect.threshold.ThresholdRule;
import io.homeostat.engine.detect.threshold.ThresholdRules;
import io.homeostat.engine.detect.trend.TrendRule;
import io.homeostat.engine.detect.trend.TrendRules;
import io.homeostat.engine.diagnose.rule.DiagnosisRules;
import io.homeostat.engine.diagnose.rule.RuleSet;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowReader;
import io.homeostat.server.runtime.FlagSetting;
import io.homeostat.server.runtime.LoopConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the sections of {@code homeostat.yaml} a running loop can take without a restart (see
 * {@link LoopConfig}). A rules section present replaces the shipped rules of its kind whole; the
 * file's workflows replace the shipped ones of the same name and come before the others (so they
 * win ties); flags are the file's alone:
 *
 * <pre>{@code
 * detection:
 *   threshold: [ ...threshold rules, as ThresholdRules reads them... ]
 *   trend: [ ...prediction rules, as TrendRules reads them... ]
 * diagnosis: { version: site-1, rules: [ ...as DiagnosisRules reads them... ] }
 * workflows: [ ...workflows, as WorkflowReader reads them... ]
 * flags:
 *   recommendations: true                            # on; off from the reduced level on
 *   previews: {enabled: false, on_through: reduced}  # forced off by the file
 * }</pre>
 *
 * Every error is a {@link ConfigException} naming the file, line, column and key path, e.g.
 * {@code homeostat.yaml:14:12: detection.threshold[1].for: must be a duration like 30s, 5m or 100ms}.
 * Stateless and thread-safe.
 */
final class LoopConfigSections {

    /** The top-level keys this class reads. */
    static final Set<String> KEYS = Set.of("detection", "diagnosis", "workflows", "flags");
    /** The prefix of the flag names the API gives recovery's switches, which the file may not use. */
    static final String RECOVERY_SWITCHES = "recovery.";

    private static final Set<String> FLAG_KEYS = Set.of("enabled", "on_through");

    private LoopConfigSections() {}

    /**
     * The loop's configuration in {@code root} (the whole document), the shipped defaults where a
     * section is absent.
     *
     * @param actions the actions workflow steps may name, which also check the parameters steps give
     *     them; empty to skip those checks (e.g. before the loop, which knows its actions, exists)
     * @throws ConfigException naming the file, line and key of the first error
     */
    static LoopConfig read(ConfigNode root, ActionCatalog actions) {
        LoopConfig shipped = LoopConfig.defaults();
        Set<String> fromFile = new HashSet<>();
        List<ThresholdRule> threshold = shipped.thresholdRules();
        List<TrendRule> trend = shipped.trendRules();
        if (root.field("detection").isPresent()) {
            ConfigNode detection = root.required("detection").requireKeys(Set.of("threshold", "trend"));
            if (detection.field("threshold").isPresent()) {
                threshold = ThresholdRules.fromList(detection.required("threshold"));
                fromFile.add(LoopConfig.THRESHOLD);
            }
            if (detection.field("trend").isPresent()) {
                trend = TrendRules.fromList(detection.required("trend"));
                fromFile.add(LoopConfig.TREND);
            }
        }
        RuleSet diagnosis = shipped.diagnosisRules();
        if (root.field("diagnosis").isPresent()) {
            diagnosis = DiagnosisRules.fromNode(root.required("diagnosis"));
            fromFile.add(LoopConfig.DIAGNOSIS);
        }
        List<Workflow> workflows = shipped.workflows();
        if (root.field("workflows").isPresent()) {
            ConfigNode list = root.required("workflows");
            List<Workflow> own = WorkflowReader.readList(list);
            if (!actions.names().isEmpty()) {
                requireKnownActions(list, actions);
            }
            // The file's first (they win ties), then the shipped ones it does not name.
            List<Workflow> merged = new ArrayList<>(own);
            shipped.workflows().stream().filter(w -> own.stream().noneMatch(o -> o.name().equals(w.name())))
                    .forEach(merged::add);
            workflows = merged;
            fromFile.add(LoopConfig.WORKFLOWS);
        }
        Map<String, FlagSetting> flags = Map.of();
        if (root.field("flags").isPresent()) {
            flags = flags(root.required("flags"));
            fromFile.add(LoopConfig.FLAGS);
        }
        return new LoopConfig(threshold, trend, diagnosis, workflows, flags, fromFile);
    }

    private static Map<String, FlagSetting> flags(ConfigNode node) {
        Map<String, FlagSetting> flags = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : node.fields().entrySet()) {
            ConfigNode value = entry.getValue();
            if (entry.getKey().isBlank()) {
                throw value.error("a flag needs a name");
            }
            if (entry.getKey().startsWith(RECOVERY_SWITCHES)) {
                throw value.error("names starting with '" + RECOVERY_SWITCHES + "' are recovery's switches (the kill switch,"
                        + " the automation mode, recovery per service, action or risk), which people set with"
                        + " 'homeostat flags set' and which a file does not; name the feature otherwise");
            }
            FlagSetting setting;
            if (value.kind() == ConfigNode.Kind.MAP) {
                value.requireKeys(FLAG_KEYS);
                boolean enabled = value.field("enabled").map(ConfigNode::asBoolean).orElse(true);
                DegradationLevel onThrough = value.field("on_through").map(n -> n.asEnum(DegradationLevel.class))
                        .orElse(DegradationLevel.FULL);
                setting = new FlagSetting(enabled, onThrough);
            } else {
                setting = new FlagSetting(value.asBoolean(), DegradationLevel.FULL);
            }
            flags.put(entry.getKey(), setting);
        }
        return flags;
    }

    /**
     * Each step's (and each alternative's) action must be one the loop has, and take the
     * parameters given to it ({@link Action#checkParams}).
     */
    private static void requireKnownActions(ConfigNode workflows, ActionCatalog known) {
        for (ConfigNode workflow : workflows.elements()) {
            for (String part : List.of("steps", "rollback")) {
                if (workflow.field(part).isEmpty()) {
                    continue;
                }
                for (ConfigNode step : workflow.required(part).elements()) {
                    if (step.field("action").isPresent()) {
                        requireKnown(step, known);
                    }
                    if (step.field("alternatives").isPresent()) {
                        for (ConfigNode alternative : step.required("alternatives").elements()) {
                            requireKnown(alternative, known);
                        }
                    }
                }
            }
        }
    }

    /** {@code step} (a step or an alternative) names a known action and gives it parameters it takes. */
    private static void requireKnown(ConfigNode step, ActionCatalog known) {
        ConfigNode name = step.required("action");
        Optional<Action> action = known.find(name.asString().strip());
        if (action.isEmpty()) {
            throw name.error("unknown action '" + name.asString().strip() + "'; known: " + new TreeSet<>(known.names()));
        }
        Map<String, String> params = new LinkedHashMap<>();
        step.field("params").ifPresent(p -> p.fields().forEach((k, v) -> params.put(k, v.asString())));
        Optional<String> invalid = action.get().checkParams(params);
        if (invalid.isPresent()) {
            // At the parameter's own line when the problem names one ("sevrity: not a parameter of alert; ...").
            String param = invalid.get().split(":", 2)[0];
            ConfigNode at = step.field("params").map(p -> p.field(param).orElse(p)).orElse(name);
            throw at.error("bad params for " + action.get().name() + ": " + invalid.get());
        }
    }
}
