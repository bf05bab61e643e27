package io.homeostat.engine.diagnose.rule;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.config.ConfigNode;
import io.homeostat.engine.config.YamlConfigReader;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.DiagnosisCategory;
import io.homeostat.engine.diagnose.Fact;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads diagnosis rules from YAML and holds the defaults ({@code default-diagnosis-rules.yaml}
 * beside this class). The document:
 *
 * <pre>{@code
 * version: ops-3                      # required: names the rule set in every diagnosis
 * rules:
 *   - name: database-connection       # required, unique
 *     category: database              # required: one of the eight categories
 *     confidence: 0.85                # required, in [0, 1]: how sure the rule is of its category
 *     severity: high                  # optional, default info: the least severity of what it explains
 *     when:                           # required: a map of conditions that must all match one fact,
 *       exception-type: "*SQL*"       #   or a list of such maps (any one of them)
 *       message-contains: [connection]
 *     causes:                         # required, most likely first
 *       - cause: connection pool exhaustion
 *         confidence: 0.85            # default: the rule's confidence
 * }</pre>
 *
 * Conditions (a list is alternatives): {@code message-contains} (words, ignoring case),
 * {@code message-matches} (a regular expression, ignoring case), {@code exception-type} (globs),
 * {@code error-category} (the kernel's: timeout, connection_refused, dns_error, rate_limit,
 * quota_exceeded, unavailable, rejected, unknown), {@code latency-above} (a duration),
 * {@code http-status} ({@code 401}, {@code 5xx}), {@code kind} (failure, outcome, circuit, health,
 * detection), {@code detection-category}, {@code metric} (globs), {@code service} (globs).
 *
 * <p>Every error names the file, line, column and key, e.g.
 * {@code rules.yaml:7:21: rules[0].confidence: must be in [0, 1], was 1.5}. Thread-safe and stateless.
 */
public final class DiagnosisRules {

    private static final Set<String> ROOT_KEYS = Set.of("version", "rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "category", "confidence", "severity", "when", "causes");
    private static final Set<String> CAUSE_KEYS = Set.of("cause", "confidence");
    private static final Set<String> CONDITION_KEYS = Set.of("message-contains", "message-matches", "exception-type",
            "error-category", "latency-above", "http-status", "kind", "detection-category", "metric", "service");
    private static final String DEFAULTS = "default-diagnosis-rules.yaml";

    private DiagnosisRules() {}

    /**
     * The rule set in {@code file}.
     *
     * @throws ConfigException if the file is not valid YAML or a rule is invalid
     * @throws UncheckedIOException if it cannot be read
     */
    public static RuleSet read(Path file) {
        return fromNode(YamlConfigReader.read(file));
    }

    /**
     * The rule set in {@code yaml}, named {@code source} in errors.
     *
     * @throws ConfigException if the text is not valid YAML or a rule is invalid
     */
    public static RuleSet parse(String source, String yaml) {
        return fromNode(YamlConfigReader.read(source, yaml));
    }

    /**
     * The rule set of an already read document.
     *
     * @throws ConfigException if a rule is invalid or two rules share a name
     */
    public static RuleSet fromNode(ConfigNode root) {
        root.requireKeys(ROOT_KEYS);
        String version = text(root.required("version"));
        List<DiagnosisRule> rules = new ArrayList<>();
        Map<String, ConfigNode> names = new HashMap<>();
        for (ConfigNode node : root.required("rules").elements()) {
            DiagnosisRule rule = rule(node);
            ConfigNode earlier = names.putIfAbsent(rule.name(), node);
            if (earlier != null) {
                throw node.required("name").error("duplicate rule name; first used at line " + earlier.location().line());
            }
            rules.add(rule);
        }
        return new RuleSet(version, rules);
    }

    /**
     * The default rules: at least one for each of the eight categories, from the failures our
     * services see (see the file for each rule's reasoning).
     */
    public static RuleSet defaults() {
        try (InputStream in = DiagnosisRules.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
            }
            return parse(DEFAULTS, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DiagnosisRule rule(ConfigNode node) {
        node.requireKeys(RULE_KEYS);
        String name = text(node.required("name"));
        DiagnosisCategory category = node.required("category").asEnum(DiagnosisCategory.class);
        double confidence = confidence(node.required("confidence"));
        Severity severity = node.field("severity").map(n -> n.asEnum(Severity.class)).orElse(Severity.INFO);
        ConfigNode whenNode = node.required("when");
        List<List<Condition>> when = new ArrayList<>();
        if (whenNode.kind() == ConfigNode.Kind.LIST) {
            if (whenNode.elements().isEmpty()) {
                throw whenNode.error("must hold at least one group of conditions");
            }
            whenNode.elements().forEach(group -> when.add(group(group)));
        } else {
            when.add(group(whenNode));
        }
        List<Cause> causes = new ArrayList<>();
        ConfigNode causesNode = node.required("causes");
        if (causesNode.elements().isEmpty()) {
            throw causesNode.error("must name at least one cause");
        }
        for (ConfigNode causeNode : causesNode.elements()) {
            causeNode.requireKeys(CAUSE_KEYS);
            double causeConfidence = causeNode.field("confidence").map(DiagnosisRules::confidence).orElse(confidence);
            causes.add(new Cause(text(causeNode.required("cause")), causeConfidence));
        }
        return new DiagnosisRule(name, category, confidence, severity, when, causes);
    }

    private static List<Condition> group(ConfigNode node) {
        node.requireKeys(CONDITION_KEYS);
        if (node.fields().isEmpty()) {
            throw node.error("must hold at least one condition, one of " + new java.util.TreeSet<>(CONDITION_KEYS));
        }
        List<Condition> conditions = new ArrayList<>();
        node.fields().forEach((key, value) -> conditions.add(condition(key, value)));
        return conditions;
    }

    private static Condition condition(String key, ConfigNode value) {
        try {
            return switch (key) {
                case "message-contains" -> new Condition.MessageContains(texts(value));
                case "message-matches" -> new Condition.MessageMatches(regex(value));
                case "exception-type" -> new Condition.ExceptionType(texts(value));
                case "error-category" -> new Condition.ErrorCategoryIn(enums(value, ErrorCategory.class));
                case "latency-above" -> new Condition.LatencyAbove(value.asDuration());
                case "http-status" -> new Condition.HttpStatusIn(texts(value));
                case "kind" -> new Condition.KindIn(enums(value, Fact.Kind.class));
                case "detection-category" -> new Condition.DetectionCategoryIn(new LinkedHashSet<>(texts(value)));
                case "metric" -> new Condition.MetricMatches(texts(value));
                case "service" -> new Condition.ServiceMatches(texts(value));
                default -> throw value.error("unknown condition");
            };
        } catch (IllegalArgumentException e) {
            throw value.error(e.getMessage());
        }
    }

    private static Pattern regex(ConfigNode node) {
        String text = node.asString();
        try {
            return Pattern.compile(text, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw node.error("not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private static List<String> texts(ConfigNode node) {
        List<ConfigNode> items = node.kind() == ConfigNode.Kind.LIST ? node.elements() : List.of(node);
        if (items.isEmpty()) {
            throw node.error("must name at least one value");
        }
        return items.stream().map(DiagnosisRules::text).toList();
    }

    private static <E extends Enum<E>> Set<E> enums(ConfigNode node, Class<E> type) {
        List<ConfigNode> items = node.kind() == ConfigNode.Kind.LIST ? node.elements() : List.of(node);
        if (items.isEmpty()) {
            throw node.error("must name at least one value");
        }
        Set<E> values = EnumSet.noneOf(type);
        items.forEach(item -> values.add(item.asEnum(type)));
        return values;
    }

    private static double confidence(ConfigNode node) {
        double value = node.asDouble();
        if (!(value >= 0 && value <= 1)) {
            throw node.error("must be in [0, 1], was " + node.asString());
        }
        return value;
    }

    private static String text(ConfigNode node) {
        String value = node.asString().strip();
        if (value.isEmpty()) {
            throw node.error("must not be blank");
        }
        return value;
    }
}
