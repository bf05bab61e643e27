package io.homeostat.engine.alert.config;

import io.homeostat.engine.alert.FlapPolicy;
import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.alert.Matcher;
import io.homeostat.engine.alert.escalate.EscalationPolicy;
import io.homeostat.engine.alert.escalate.EscalationRule;
import io.homeostat.engine.alert.escalate.OnCallLevel;
import io.homeostat.engine.alert.escalate.OnCallRotation;
import io.homeostat.engine.alert.notify.ChannelTransport;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.GroupTiming;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.config.ConfigNode;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.EscalationTrigger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads alerting configuration from a YAML tree ({@code YamlConfigReader}):
 *
 * <pre>{@code
 * receivers:
 *   - name: ops
 *     webhook: {url: https://hooks.example.org/ops, secret: {env: OPS_HOOK_SECRET}}
 *     slack: {url: {env: SLACK_WEBHOOK_URL}}
 *   - name: pager
 *     pagerduty: {routingKey: {env: PD_ROUTING_KEY}}
 *     email: {host: smtp.example.org, port: 587, from: homeostat@example.org, to: [oncall@example.org]}
 *     log: true
 * route:                      # the root: no match
 *   receiver: ops
 *   groupBy: [incident]       # default [service]
 *   groupWait: 30s            # defaults 30s, 5m, 4h
 *   groupInterval: 5m
 *   repeatInterval: 4h
 *   routes:
 *     - match: {severity: critical}      # label = value
 *       matchRegex: {service: "db:.*"}   # whole value matches
 *       receiver: pager
 *       continue: false
 * flapping: {transitions: 4, window: 10m}
 * oncall:
 *   - level: primary
 *     receiver: pager
 *     people: [alice, bob]
 *     shift: 7d
 *     start: 2026-01-05T09:00:00Z
 * escalation:                 # optional: the defaults from our specs otherwise
 *   - {trigger: critical, target: first, ackTimeout: 5m}
 *   - {trigger: high_impact, target: named, level: incident-response, threshold: 0.5, ackTimeout: 10m}
 * }</pre>
 *
 * Every mistake, including a reference to an unknown receiver or level, a route on a label no
 * alert carries ({@link Labels#NAMES}) or on a severity that is none, and a value a record
 * rejects, is a {@code ConfigException} naming the file, line, column and key path.
 */
public final class AlertingConfigReader {

    private static final Set<String> ROUTE_KEYS = Set.of("receiver", "match", "matchRegex", "groupBy", "groupWait",
            "groupInterval", "repeatInterval", "continue", "routes");

    private final ChannelReader channels;

    private AlertingConfigReader(ChannelTransport transport, Map<String, String> environment) {
        this.channels = new ChannelReader(transport, environment);
    }

    /**
     * Reads {@code root}; channels share {@code transport}; {@code {env: NAME}} secrets come from
     * {@code environment} (normally {@code System.getenv()}).
     *
     * @throws io.homeostat.engine.config.ConfigException at the first mistake
     */
    public static AlertingConfig read(ConfigNode root, ChannelTransport transport, Map<String, String> environment) {
        return new AlertingConfigReader(transport, environment).config(root);
    }

    private AlertingConfig config(ConfigNode root) {
        root.requireKeys(Set.of("receivers", "route", "flapping", "oncall", "escalation"));
        List<Receiver> receivers = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (ConfigNode node : root.required("receivers").elements()) {
            Receiver receiver = channels.receiver(node);
            if (!names.add(receiver.name())) {
                throw node.required("name").error("two receivers are named " + receiver.name());
            }
            receivers.add(receiver);
        }
        Route route = route(root.required("route"), names, true);
        FlapPolicy flap = root.field("flapping").map(this::flap).orElse(FlapPolicy.defaults());
        List<OnCallRotation> rotation = root.field("oncall").map(n -> List.of(rotation(n, names))).orElse(List.of());
        EscalationPolicy policy = root.field("escalation").map(this::policy).orElse(EscalationPolicy.defaults());
        if (!rotation.isEmpty()) {
            for (String level : policy.namedLevels()) {
                if (rotation.get(0).indexOf(level).isEmpty()) {
                    throw root.field("escalation").orElse(root.required("oncall"))
                            .error("the escalation policy names level '" + level + "', which oncall lacks");
                }
            }
        }
        return new AlertingConfig(receivers, route, flap, policy, rotation);
    }

    private Route route(ConfigNode node, Set<String> receivers, boolean root) {
        node.requireKeys(ROUTE_KEYS);
        Route.Builder builder = Route.to(receiver(node.required("receiver"), receivers));
        if (root && (node.field("match").isPresent() || node.field("matchRegex").isPresent())) {
            throw node.error("the root route matches every alert: no match or matchRegex");
        }
        node.field("match").ifPresent(m -> m.fields().forEach((label, value) -> {
            String text = label(label, value).asString();
            if (label.equals(Labels.SEVERITY) && Arrays.stream(Severity.values())
                    .noneMatch(severity -> severity.name().equalsIgnoreCase(text))) {
                throw value.error("no alert has the severity '" + text + "', so this route would take nothing; "
                        + "severities: " + Arrays.stream(Severity.values()).map(v -> v.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", ")));
            }
            builder.match(Checked.value(value, () -> Matcher.eq(label, text)));
        }));
        node.field("matchRegex").ifPresent(m -> m.fields().forEach((label, value) ->
                builder.match(Checked.value(value, () -> Matcher.regex(label, label(label, value).asString())))));
        node.field("groupBy").ifPresent(g -> builder.groupBy(
                g.elements().stream().map(element -> label(element.asString(), element).asString())
                        .toArray(String[]::new)));
        GroupTiming defaults = GroupTiming.defaults();
        builder.timing(Checked.value(node, () -> new GroupTiming(
                node.field("groupWait").map(ConfigNode::asDuration).orElse(defaults.groupWait()),
                node.field("groupInterval").map(ConfigNode::asDuration).orElse(defaults.groupInterval()),
                node.field("repeatInterval").map(ConfigNode::asDuration).orElse(defaults.repeatInterval()))));
        if (node.field("continue").map(ConfigNode::asBoolean).orElse(false)) {
            builder.continueMatching();
        }
        node.field("routes").ifPresent(children -> children.elements()
                .forEach(child -> builder.route(route(child, receivers, false))));
        return builder.build();
    }

    /**
     * {@code node}, the value given for {@code label}, if alerts carry that label; a route on any
     * other label would match or group nothing, so it is refused.
     */
    private static ConfigNode label(String label, ConfigNode node) {
        if (!Labels.NAMES.contains(label)) {
            throw node.error("no alert carries the label '" + label + "'; alerts carry " + String.join(", ", Labels.NAMES));
        }
        return node;
    }

    private static String receiver(ConfigNode node, Set<String> receivers) {
        String name = node.asString();
        if (!receivers.contains(name)) {
            throw node.error("unknown receiver '" + name + "'; receivers are " + receivers);
        }
        return name;
    }

    private FlapPolicy flap(ConfigNode node) {
        node.requireKeys(Set.of("transitions", "window"));
        return Checked.value(node, () -> new FlapPolicy(node.required("transitions").asInt(),
                node.required("window").asDuration()));
    }

    private OnCallRotation rotation(ConfigNode node, Set<String> receivers) {
        List<OnCallLevel> levels = new ArrayList<>();
        for (ConfigNode level : node.elements()) {
            level.requireKeys(Set.of("level", "receiver", "people", "shift", "start"));
            ConfigNode start = level.required("start");
            Instant rotationStart;
            try {
                rotationStart = Instant.parse(start.asString());
            } catch (DateTimeParseException e) {
                throw start.error("must be an instant like 2026-01-05T09:00:00Z, was '" + start.asString() + "'");
            }
            String receiver = receiver(level.required("receiver"), receivers);
            levels.add(Checked.value(level, () -> new OnCallLevel(level.required("level").asString(), receiver,
                    level.required("people").elements().stream().map(ConfigNode::asString).toList(),
                    level.required("shift").asDuration(), rotationStart)));
        }
        return Checked.value(node, () -> new OnCallRotation(levels));
    }

    private EscalationPolicy policy(ConfigNode node) {
        List<EscalationRule> rules = new ArrayList<>();
        for (ConfigNode rule : node.elements()) {
            rule.requireKeys(Set.of("trigger", "target", "level", "threshold", "ackTimeout"));
            rules.add(Checked.value(rule, () -> new EscalationRule(
                    rule.required("trigger").asEnum(EscalationTrigger.class),
                    rule.required("target").asEnum(EscalationRule.Target.class),
                    rule.field("level").map(ConfigNode::asString).orElse(""),
                    rule.field("threshold").map(ConfigNode::asDouble).orElse(0.0),
                    rule.required("ackTimeout").asDuration())));
        }
        return Checked.value(node, () -> new EscalationPolicy(rules));
    }
}
