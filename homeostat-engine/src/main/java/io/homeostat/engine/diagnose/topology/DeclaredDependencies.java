package io.homeostat.engine.diagnose.topology;

import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.config.ConfigNode;
import io.homeostat.engine.config.YamlConfigReader;
import io.homeostat.engine.graph.DependencyGraph;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads the declared dependency graph from YAML: a map with one key, {@code dependencies}, from
 * each service to the services it calls.
 *
 * <pre>{@code
 * dependencies:
 *   triage: [pharmaguard, "llm:openai"]
 *   pharmaguard: ["db:primary"]
 * }</pre>
 *
 * Errors name the file, line, column and key, e.g.
 * {@code graph.yaml:3:16: dependencies.pharmaguard[0]: a service cannot depend on itself}.
 * Thread-safe and stateless.
 */
public final class DeclaredDependencies {

    private static final Set<String> ROOT_KEYS = Set.of("dependencies");

    private DeclaredDependencies() {}

    /**
     * The graph declared in {@code file}.
     *
     * @throws ConfigException if the file is not valid YAML or an edge is invalid
     * @throws UncheckedIOException if it cannot be read
     */
    public static DependencyGraph read(Path file) {
        return fromNode(YamlConfigReader.read(file));
    }

    /**
     * The graph declared in {@code yaml}, named {@code source} in errors.
     *
     * @throws ConfigException if the text is not valid YAML or an edge is invalid
     */
    public static DependencyGraph parse(String source, String yaml) {
        return fromNode(YamlConfigReader.read(source, yaml));
    }

    /**
     * The graph of an already read document.
     *
     * @throws ConfigException if an edge is invalid
     */
    public static DependencyGraph fromNode(ConfigNode root) {
        root.requireKeys(ROOT_KEYS);
        DependencyGraph graph = DependencyGraph.empty();
        for (var entry : root.required("dependencies").fields().entrySet()) {
            ConfigNode targets = entry.getValue();
            var list = targets.kind() == ConfigNode.Kind.LIST ? targets.elements() : java.util.List.of(targets);
            for (ConfigNode target : list) {
                String dependency = target.asString().strip();
                try {
                    graph = graph.with(entry.getKey().strip(), dependency);
                } catch (IllegalArgumentException e) {
                    throw target.error(e.getMessage());
                }
            }
        }
        return graph;
    }
}
