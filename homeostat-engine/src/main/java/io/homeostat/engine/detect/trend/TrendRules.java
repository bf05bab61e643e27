package io.homeostat.engine.detect.trend;

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
import java.util.Set;

/**
 * Reads prediction rules from YAML and holds the defaults. The document is a map with one key,
 * {@code predictions}, a list of rules:
 *
 * <pre>{@code
 * predictions:
 *   - name: memory              # required, unique; the subject of the summary
 *     service: "*"              # glob, default "*"
 *     metric: heap.used.ratio   # required
 *     direction: rising         # rising (default) or falling
 *     limit: 0.90               # required
 *     window: 10m               # default 10m
 *     bucket: 30s               # default 30s
 *     horizon: 30m              # default 30m
 *     min-confidence: 0.6       # default 0.6
 *     significance: 0.0001      # Mann-Kendall one-sided p-value at most this; default 1 (no test)
 *     severity: high            # default high
 *     category: resource        # required
 * }</pre>
 *
 * Errors name the file, line, column and key. Thread-safe and stateless.
 */
public final class TrendRules {

    private static final Set<String> ROOT_KEYS = Set.of("predictions");
    private static final Set<String> RULE_KEYS = Set.of("name", "service", "metric", "direction", "limit", "window",
            "bucket", "horizon", "min-confidence", "significance", "severity", "category");
    private static final String DEFAULTS = "default-predictions.yaml";

    private TrendRules() {}

    /**
     * The rules in {@code file}.
     *
     * @throws ConfigException if the file is not valid YAML or a rule is invalid
     * @throws UncheckedIOException if it cannot be read
     */
    public static List<TrendRule> read(Path file) {
        return fromNode(YamlConfigReader.read(file));
    }

    /**
     * The rules in {@code yaml}, named {@code source} in errors.
     *
     * @throws ConfigException if the text is not valid YAML or a rule is invalid
     */
    public static List<TrendRule> parse(String source, String yaml) {
        return fromNode(YamlConfigReader.read(source, yaml));
    }

    /**
     * The rules of an already read document.
     *
     * @throws ConfigException if a rule is invalid or two rules share a name
     */
    public static List<TrendRule> fromNode(ConfigNode root) {
        root.requireKeys(ROOT_KEYS);
        return fromList(root.required("predictions"));
    }

    /**
     * The rules of a list node (the value of {@code predictions}, or a section of another file,
     * e.g. {@code detection.trend} in {@code homeostat.yaml}); errors name the node's own path.
     *
     * @throws ConfigException if the node is not a list, a rule is invalid or two rules share a name
     */
    public static List<TrendRule> fromList(ConfigNode list) {
        List<TrendRule> rules = new ArrayList<>();
        Map<String, ConfigNode> names = new HashMap<>();
        for (ConfigNode node : list.elements()) {
            TrendRule rule = rule(node);
            ConfigNode earlier = names.putIfAbsent(rule.name(), node);
            if (earlier != null) {
                throw node.required("name").error("duplicate rule name; first used at line " + earlier.location().line());
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    /**
     * The defaults: heap ({@code heap.used.ratio}) reaching 90 % within 30 min, and median latency
     * reaching 2 s within 15 min; see {@code default-predictions.yaml} beside this class.
     */
    public static List<TrendRule> defaults() {
        try (InputStream in = TrendRules.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
            }
            return parse(DEFAULTS, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TrendRule rule(ConfigNode node) {
        node.requireKeys(RULE_KEYS);
        String name = text(node.required("name"));
        String service = node.field("service").map(TrendRules::text).orElse("*");
        String metric = text(node.required("metric"));
        boolean rising = node.field("direction").map(TrendRules::rising).orElse(true);
        double limit = node.required("limit").asDouble();
        Duration window = duration(node, "window", TrendRule.DEFAULT_WINDOW);
        Duration bucket = duration(node, "bucket", TrendRule.DEFAULT_BUCKET);
        Duration horizon = duration(node, "horizon", TrendRule.DEFAULT_HORIZON);
        double minConfidence = node.field("min-confidence").map(ConfigValues::fraction)
                .orElse(TrendRule.DEFAULT_MIN_CONFIDENCE);
        double significance = node.field("significance").map(ConfigValues::fraction)
                .orElse(TrendRule.DEFAULT_SIGNIFICANCE);
        Severity severity = node.field("severity").map(n -> n.asEnum(Severity.class)).orElse(Severity.HIGH);
        String category = text(node.required("category"));
        try {
            return new TrendRule(name, service, metric, rising, limit, window, bucket, horizon, minConfidence,
                    significance, severity, category);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static Duration duration(ConfigNode rule, String key, Duration fallback) {
        return rule.field(key).map(ConfigValues::positiveDuration).orElse(fallback);
    }

    private static boolean rising(ConfigNode node) {
        return switch (node.asString().strip()) {
            case "rising" -> true;
            case "falling" -> false;
            default -> throw node.error("must be rising or falling, was '" + node.asString() + "'");
        };
    }

    private static String text(ConfigNode node) {
        String value = node.asString().strip();
        if (value.isEmpty()) {
            throw node.error("must not be blank");
        }
        return value;
    }
}
