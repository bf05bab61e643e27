package io.homeostat.engine.plan;

import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.config.ConfigNode;
import io.homeostat.engine.config.YamlConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@link DegradationPolicy} from YAML, a map with one key, {@code degradation}:
 *
 * <pre>{@code
 * degradation:
 *   service: "*"            # whose health: a service, or "*" for all (default)
 *   hold: 2m                # above recover_above this long before stepping up one level (default 2m)
 *   max_level: essential    # the worst level set without a person (default essential)
 *   levels:                 # mildest first
 *     - {level: reduced,   below: 0.8, recover_above: 0.9}
 *     - {level: essential, below: 0.6, recover_above: 0.75}
 * }</pre>
 *
 * Every error is a {@link ConfigException} naming the file, line, column and key, also when a
 * value is well-formed but the policy rejects it (a band that is not above {@code below}, levels
 * out of order). Stateless and thread-safe.
 */
public final class DegradationPolicyReader {

    private static final Set<String> KEYS = Set.of("service", "hold", "max_level", "levels");
    private static final Set<String> LEVEL_KEYS = Set.of("level", "below", "recover_above");

    private DegradationPolicyReader() {
    }

    /**
     * Reads a policy file.
     *
     * @throws ConfigException if the file cannot be read or parsed or a value is wrong
     */
    public static DegradationPolicy read(Path file) {
        return read(YamlConfigReader.read(file));
    }

    /**
     * Reads a policy from YAML text; {@code source} names it in errors.
     *
     * @throws ConfigException if it cannot be parsed or a value is wrong
     */
    public static DegradationPolicy read(String source, String yaml) {
        return read(YamlConfigReader.read(source, yaml));
    }

    /**
     * Reads a policy from a parsed document.
     *
     * @throws ConfigException if a value is wrong
     */
    public static DegradationPolicy read(ConfigNode root) {
        root.requireKeys(Set.of("degradation"));
        return readSection(root.required("degradation"));
    }

    /**
     * Reads a policy from the {@code degradation} section itself (its value), e.g. a section of a
     * larger file such as {@code homeostat.yaml}.
     *
     * @throws ConfigException if a value is wrong
     */
    public static DegradationPolicy readSection(ConfigNode node) {
        node.requireKeys(KEYS);
        String service = node.field("service").map(ConfigNode::asString).orElse(DegradationPolicy.SYSTEM);
        Duration hold = node.field("hold").map(ConfigNode::asDuration).orElse(DegradationPolicy.DEFAULT_HOLD);
        DegradationLevel max = node.field("max_level").map(n -> n.asEnum(DegradationLevel.class))
                .orElse(DegradationLevel.ESSENTIAL);
        ConfigNode list = node.required("levels");
        List<DegradationThreshold> levels = new ArrayList<>();
        for (ConfigNode level : list.elements()) {
            level.requireKeys(LEVEL_KEYS);
            DegradationLevel name = level.required("level").asEnum(DegradationLevel.class);
            double below = level.required("below").asDouble();
            double recoverAbove = level.required("recover_above").asDouble();
            try {
                levels.add(new DegradationThreshold(name, below, recoverAbove));
            } catch (IllegalArgumentException e) {
                throw level.error(e.getMessage());
            }
        }
        try {
            return new DegradationPolicy(service, levels, hold, max);
        } catch (IllegalArgumentException e) {
            ConfigNode at = e.getMessage().startsWith("max_level") ? node.required("max_level")
                    : e.getMessage().startsWith("hold") ? node.required("hold") : list;
            throw at.error(e.getMessage());
        }
    }
}
