package io.homeostat.engine.detect.threshold;

import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.config.ConfigNode;
import io.homeostat.engine.config.YamlConfigReader;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.internal.ConfigValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads threshold rules from YAML and holds the defaults. The document is a map with one key,
 * {@code rules}, a list of rules:
 *
 * <pre>{@code
 * rules:
 *   - name: error-rate          # required, unique
 *     service: "llm:*"          # glob, default "*"
 *     metric: error.rate        # required
 *     op: ">"                   # > >= < <= (or above, at-or-above, below, at-or-below); required
 *     threshold: 0.05           # required
 *     for: 30s                  # default 0s
 *     clear: 0.025              # default: the threshold
 *     severity: high            # critical, high, medium (default), low, info
 *     category: errors          # required
 * }</pre>
 *
 * Every error names the file, line, column and key, e.g.
 * {@code rules.yaml:12:10: rules[2].for: must be a duration like 30s, 5m or 100ms, was 'soon'}.
 *
 * <p>Thread-safe and stateless.
 */
public final class ThresholdRules {

    private static final Set<String> ROOT_KEYS = Set.of("rules");
    private static final Set<String> RULE_KEYS =
            Set.of("name", "service", "metric", "op", "threshold", "for", "clear", "severity", "category");
    private static final String DEFAULTS = "default-rules.yaml";

    private ThresholdRules() {}

    /**
     * The rules in {@code file}.
     *
     * @throws ConfigException if the file is not valid YAML or a rule is invalid
     * @throws UncheckedIOException if it cannot be read
     */
    public static List<ThresholdRule> read(Path file) {
        return fromNode(YamlConfigReader.read(file));
    }

    /**
     * The rules in {@code yaml}, named {@code source} in errors.
     *
     * @throws ConfigException if the text is not valid YAML or a rule is invalid
     */
    public static List<ThresholdRule> parse(String source, String yaml) {
        return fromNode(YamlConfigReader.read(source, yaml));
    }

    /**
     * The rules of an already read document.
     *
     * @throws ConfigException if a rule is invalid or two rules share a name
     */
    public static List<ThresholdRule> fromNode(ConfigNode root) {
        root.requireKeys(ROOT_KEYS);
        return fromList(root.required("rules"));
    }

    /**
     * The rules of a list node (the value of {@code rules}, or a section of another file, e.g.
     * {@code detection.threshold} in {@code homeostat.yaml}); errors name the node's own path.
     *
     * @throws ConfigException if the node is not a list, a rule is invalid or two rules share a name
     */
    public static List<ThresholdRule> fromList(ConfigNode list) {
        List<ThresholdRule> rules = new ArrayList<>();
        Map<String, ConfigNode> names = new HashMap<>();
        for (ConfigNode node : list.elements()) {
            ThresholdRule rule = rule(node);
            ConfigNode earlier = names.putIfAbsent(rule.name(), node);
            if (earlier != null) {
                throw node.required("name").error("duplicate rule name; first used at line " + earlier.location().line());
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    /**
     * The defaults from our specs: response time (median latency) above 2 s, error rate above 5 %,
     * p95 latency above 100 ms, process CPU above 80 %, heap above 85 %; see
     * {@code default-rules.yaml} beside this class for their {@code for} durations and clear levels.
     */
    public static List<ThresholdRule> defaults() {
        try (InputStream in = ThresholdRules.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
            }
            return parse(DEFAULTS, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ThresholdRule rule(ConfigNode node) {
        node.requireKeys(RULE_KEYS);
        String name = text(node.required("name"));
        String service = node.field("service").map(ThresholdRules::text).orElse("*");
        String metric = text(node.required("metric"));
        ConfigNode opNode = node.required("op");
        Operator operator = Operator.parse(opNode.asString().strip())
                .orElseThrow(() -> opNode.error("must be one of >, >=, <, <=, was '" + opNode.asString() + "'"));
        double threshold = node.required("threshold").asDouble();
        Duration forDuration = Duration.ZERO;
        Optional<ConfigNode> forNode = node.field("for");
        if (forNode.isPresent()) {
            forDuration = ConfigValues.duration(forNode.get());
        }
        double clear = threshold;
        Optional<ConfigNode> clearNode = node.field("clear");
        if (clearNode.isPresent()) {
            clear = clearNode.get().asDouble();
            if (operator.upward() ? clear > threshold : clear < threshold) {
                throw clearNode.get().error("must be " + (operator.upward() ? "at or below" : "at or above")
                        + " the threshold (" + node.required("threshold").asString() + ") for " + operator.symbol());
            }
        }
        Severity severity = node.field("severity").map(n -> n.asEnum(Severity.class)).orElse(Severity.MEDIUM);
        String category = text(node.required("category"));
        try {
            return new ThresholdRule(name, service, metric, operator, threshold, forDuration, clear, severity, category);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static String text(ConfigNode node) {
        String value = node.asString().strip();
        if (value.isEmpty()) {
            throw node.error("must not be blank");
        }
        return value;
    }
}
