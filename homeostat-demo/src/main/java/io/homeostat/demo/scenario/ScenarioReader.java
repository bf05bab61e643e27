package io.homeostat.demo.scenario;

import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.config.ConfigNode;
import io.homeostat.engine.config.YamlConfigReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a chaos schedule from YAML:
 *
 * <pre>{@code
 * name: my schedule
 * jitter: 2s                # optional: the seed moves each start by up to ±2 s
 * faults:
 *   - name: openai outage   # optional, default "<kind> <target>"
 *     kind: outage          # outage | refused | connection_loss | memory_leak | latency_spike
 *                           # | error_burst | flapping | cascade
 *     target: "llm:openai"  # one of the triage system's services
 *     at: 10s               # from the start of the run
 *     for: 25s
 *     latency: 2s           # latency_spike only (default 2s)
 *     error_rate: 0.6       # error_burst only (default 0.6)
 *     leak_mb_per_second: 20  # memory_leak only (default 20)
 *     flap_period: 2s       # flapping only (default 2s)
 * }</pre>
 *
 * Errors name the file, line, column and key, e.g.
 * {@code chaos.yaml:7:13: faults[1].kind: unknown fault kind 'outtage'; expected one of [...]}.
 * Two faults on one target may not overlap in time. Stateless and thread-safe.
 */
public final class ScenarioReader {

    /** The resource holding the default schedule. */
    public static final String DEFAULT_RESOURCE = "default-scenario.yaml";

    private static final Set<String> ROOT_KEYS = Set.of("name", "jitter", "faults");
    private static final Set<String> FAULT_KEYS = Set.of("name", "kind", "target", "at", "for", "latency", "error_rate",
            "leak_mb_per_second", "flap_period");
    private static final Map<String, FaultKind> ONLY_FOR = Map.of("latency", FaultKind.LATENCY_SPIKE,
            "error_rate", FaultKind.ERROR_BURST, "leak_mb_per_second", FaultKind.MEMORY_LEAK, "flap_period", FaultKind.FLAPPING);

    private final Set<String> services;
    private final Set<String> databases;

    /**
     * A reader accepting faults on {@code services}; the {@code connection_loss} kind only on
     * {@code databases} (a subset of them).
     */
    public ScenarioReader(Set<String> services, Set<String> databases) {
        this.services = Set.copyOf(services);
        this.databases = Set.copyOf(databases);
    }

    /**
     * The schedule in {@code file}.
     *
     * @throws ConfigException naming the file, line and key if the schedule is invalid
     * @throws UncheckedIOException if the file cannot be read
     */
    public Scenario read(Path file) {
        return fromNode(YamlConfigReader.read(Objects.requireNonNull(file, "file")));
    }

    /**
     * The schedule in {@code yaml}; errors call it {@code source}.
     *
     * @throws ConfigException naming the source, line and key if the schedule is invalid
     */
    public Scenario parse(String source, String yaml) {
        return fromNode(YamlConfigReader.read(source, yaml));
    }

    /** The schedule shipped with the demo ({@value #DEFAULT_RESOURCE}). */
    public Scenario defaults() {
        try (InputStream in = ScenarioReader.class.getResourceAsStream("/io/homeostat/demo/" + DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo jar lacks " + DEFAULT_RESOURCE);
            }
            return parse(DEFAULT_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Scenario fromNode(ConfigNode root) {
        root.requireKeys(ROOT_KEYS);
        String name = root.field("name").map(ConfigNode::asString).orElse("chaos");
        Duration jitter = root.field("jitter").map(ScenarioReader::nonNegative).orElse(Duration.ZERO);
        List<FaultSpec> faults = new ArrayList<>();
        List<ConfigNode> nodes = root.required("faults").elements();
        for (ConfigNode node : nodes) {
            FaultSpec fault = fault(node);
            for (int i = 0; i < faults.size(); i++) {
                FaultSpec other = faults.get(i);
                if (other.target().equals(fault.target()) && fault.at().compareTo(other.end()) < 0
                        && other.at().compareTo(fault.end()) < 0) {
                    throw node.error("overlaps faults[" + i + "] on " + fault.target() + " (" + other.at().toSeconds()
                            + "s-" + other.end().toSeconds() + "s); one target takes one fault at a time");
                }
            }
            faults.add(fault);
        }
        return new Scenario(name, jitter, faults);
    }

    private FaultSpec fault(ConfigNode node) {
        node.requireKeys(FAULT_KEYS);
        ConfigNode kindNode = node.required("kind");
        FaultKind kind = FaultKind.ofLabel(kindNode.asString().strip()).orElseThrow(() -> kindNode.error(
                "unknown fault kind '" + kindNode.asString() + "'; expected one of "
                        + java.util.Arrays.stream(FaultKind.values()).map(FaultKind::label).toList()));
        ConfigNode targetNode = node.required("target");
        String target = targetNode.asString().strip();
        if (!services.contains(target)) {
            throw targetNode.error("unknown service '" + target + "'; expected one of " + new java.util.TreeSet<>(services));
        }
        if (kind == FaultKind.CONNECTION_LOSS && !databases.contains(target)) {
            throw targetNode.error("connection_loss applies to a database " + new java.util.TreeSet<>(databases) + ", not " + target);
        }
        if (kind != FaultKind.CONNECTION_LOSS && kind != FaultKind.CASCADE && databases.contains(target)) {
            throw targetNode.error(kind.label() + " applies to an HTTP upstream, not the database " + target
                    + " (use connection_loss or cascade)");
        }
        for (Map.Entry<String, FaultKind> only : ONLY_FOR.entrySet()) {
            ConfigNode param = node.fields().get(only.getKey());
            if (param != null && kind != only.getValue()) {
                throw param.error("applies to " + only.getValue().label() + " faults only, not " + kind.label());
            }
        }
        Duration at = nonNegative(node.required("at"));
        ConfigNode forNode = node.required("for");
        Duration duration = forNode.asDuration();
        if (!duration.isPositive()) {
            throw forNode.error("must be positive, was " + forNode.asString());
        }
        FaultSpec base = FaultSpec.of(node.field("name").map(ConfigNode::asString).orElse(kind.label() + " " + target),
                kind, target, at, duration);
        Duration latency = node.field("latency").map(ScenarioReader::positive).orElse(base.latency());
        double errorRate = node.field("error_rate").map(n -> {
            double rate = n.asDouble();
            if (!(rate > 0 && rate <= 1)) {
                throw n.error("must be in (0, 1], was " + n.asString());
            }
            return rate;
        }).orElse(base.errorRate());
        double leak = node.field("leak_mb_per_second").map(n -> {
            double mb = n.asDouble();
            if (!(mb > 0 && mb <= 1024)) {
                throw n.error("must be in (0, 1024], was " + n.asString());
            }
            return mb;
        }).orElse(base.leakMbPerSecond());
        Duration flap = node.field("flap_period").map(ScenarioReader::positive).orElse(base.flapPeriod());
        return new FaultSpec(base.name(), kind, target, at, duration, latency, errorRate, leak, flap);
    }

    private static Duration nonNegative(ConfigNode node) {
        Duration d = node.asDuration();
        if (d.isNegative()) {
            throw node.error("must not be negative, was " + node.asString());
        }
        return d;
    }

    private static Duration positive(ConfigNode node) {
        Duration d = node.asDuration();
        if (!d.isPositive()) {
            throw node.error("must be positive, was " + node.asString());
        }
        return d;
    }
}
