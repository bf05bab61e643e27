package io.homeostat.engine.plan;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.config.ConfigNode;
import io.homeostat.engine.config.YamlConfigReader;
import io.homeostat.engine.diagnose.DiagnosisCategory;
import io.homeostat.engine.internal.ConfigValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads workflows from YAML. The document is a map with one key, {@code workflows}, a list of:
 *
 * <pre>{@code
 * - name: ai-provider-failure                   # names (of workflows and steps) at most 200 characters
 *   description: switch to the next provider   # optional
 *   trigger: [circuit_open, error_threshold]    # one or a list
 *   services: ["llm:*"]                         # globs (* any run, ? one character); one or a list; default "*"
 *   categories: [api]                           # diagnosis categories (authentication, database, api,
 *                                               # performance, integration, resource, configuration,
 *                                               # network); optional; default any
 *   priority: 100                               # default 0
 *   timeout: 10m                                # default 15m
 *   context: {operation: prescriptive, criticality: high}   # default informational / medium
 *   steps:
 *     - name: switch
 *       action: failover
 *       params: {route: llm}                    # optional, values are strings
 *       success: [{metric: error_rate, below: 0.01, for: 30s}]   # or above:
 *       on_failure: rollback                    # continue | abort | rollback (default)
 *       timeout: 2m                             # default 2m
 *       delay: 60s                              # default 0s
 *       attempts: 3                             # default 1
 *       backoff: 1s                             # default 1s, doubles per attempt
 *     - name: free-memory                       # a step with alternatives instead of action/params:
 *       alternatives:                           # the orchestrator ranks them when the step is reached
 *         - {action: trigger_gc}
 *         - {action: restart_process, params: {drain: 30s}}
 *   rollback: [ ...steps... ]                   # optional
 * }</pre>
 *
 * <p>Every error is a {@link ConfigException} naming the file, line, column and key path, also
 * when a value is well-formed but the model rejects it (two steps with one name, a hold longer
 * than the step's timeout). Stateless and thread-safe.
 */
public final class WorkflowReader {

    /** A workflow's default timeout: 15 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    private static final Set<String> WORKFLOW_KEYS = Set.of("name", "description", "trigger", "services", "categories",
            "priority", "timeout", "context", "steps", "rollback");
    private static final Set<String> STEP_KEYS = Set.of("name", "action", "params", "success", "on_failure", "timeout",
            "delay", "attempts", "backoff", "alternatives");

    private WorkflowReader() {
    }

    /**
     * Reads a workflow file.
     *
     * @throws ConfigException if the file cannot be read or parsed or a value is wrong
     */
    public static List<Workflow> read(Path file) {
        return read(YamlConfigReader.read(file));
    }

    /**
     * Reads workflows from YAML text; {@code source} names it in errors.
     *
     * @throws ConfigException if it cannot be parsed or a value is wrong
     */
    public static List<Workflow> read(String source, String yaml) {
        return read(YamlConfigReader.read(source, yaml));
    }

    /**
     * Reads workflows from a parsed document.
     *
     * @throws ConfigException if a value is wrong or two workflows share a name
     */
    public static List<Workflow> read(ConfigNode root) {
        root.requireKeys(Set.of("workflows"));
        return readList(root.required("workflows"));
    }

    /**
     * Reads the workflows of a list node (the value of {@code workflows}, e.g. the
     * {@code workflows} section of {@code homeostat.yaml}); errors name the node's own path.
     *
     * @throws ConfigException if the node is not a list, a value is wrong or two workflows share a name
     */
    public static List<Workflow> readList(ConfigNode list) {
        List<Workflow> workflows = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode node : list.elements()) {
            Workflow workflow = workflow(node);
            if (!names.add(workflow.name())) {
                throw node.required("name").error("workflow name '" + workflow.name() + "' is used twice");
            }
            workflows.add(workflow);
        }
        return List.copyOf(workflows);
    }

    private static Workflow workflow(ConfigNode node) {
        node.requireKeys(WORKFLOW_KEYS);
        String name = name(node);
        Set<TriggerType> triggers = EnumSet.noneOf(TriggerType.class);
        for (ConfigNode t : listOrOne(node.required("trigger"))) {
            triggers.add(t.asEnum(TriggerType.class));
        }
        List<String> services = node.field("services").map(n -> strings(n)).orElse(List.of("*"));
        Set<String> categories = Set.copyOf(node.field("categories").map(WorkflowReader::categories).orElse(List.of()));
        int priority = node.field("priority").map(ConfigNode::asInt).orElse(0);
        Duration timeout = node.field("timeout").map(ConfigValues::positiveDuration).orElse(DEFAULT_TIMEOUT);
        CallContext context = node.field("context").map(WorkflowReader::context).orElse(CallContext.DEFAULT);
        List<WorkflowStep> steps = steps(node.required("steps"));
        List<WorkflowStep> rollback = node.field("rollback").map(WorkflowReader::steps).orElse(List.of());
        String description = node.field("description").map(ConfigNode::asString).orElse("");
        return checked(node, () -> new Workflow(name, description, triggers, new ServiceSelector(services), categories,
                steps, rollback, timeout, priority, context));
    }

    private static List<WorkflowStep> steps(ConfigNode list) {
        List<WorkflowStep> steps = new ArrayList<>();
        Map<String, ConfigNode> names = new HashMap<>();
        for (ConfigNode node : list.elements()) {
            WorkflowStep step = step(node);
            ConfigNode earlier = names.putIfAbsent(step.name(), node);
            if (earlier != null) {
                throw node.required("name").error("step name '" + step.name() + "' is used twice; first at line "
                        + earlier.location().line());
            }
            steps.add(step);
        }
        return steps;
    }

    private static WorkflowStep step(ConfigNode node) {
        node.requireKeys(STEP_KEYS);
        String name = name(node);
        List<StepAlternative> alternatives = new ArrayList<>();
        Optional<ConfigNode> listed = node.field("alternatives");
        if (listed.isPresent()) {
            if (node.field("action").isPresent() || node.field("params").isPresent()) {
                throw listed.get().error("a step has either action (and params) or alternatives, not both");
            }
            for (ConfigNode alternative : listed.get().elements()) {
                alternative.requireKeys(Set.of("action", "params"));
                alternatives.add(new StepAlternative(alternative.required("action").asString(), params(alternative)));
            }
            if (alternatives.isEmpty()) {
                throw listed.get().error("alternatives needs at least two, was 0");
            }
        }
        String action = alternatives.isEmpty() ? node.required("action").asString() : alternatives.getFirst().action();
        Map<String, String> params = alternatives.isEmpty() ? params(node) : alternatives.getFirst().params();
        List<SuccessCriterion> success = new ArrayList<>();
        node.field("success").ifPresent(s -> s.elements().forEach(c -> success.add(criterion(c))));
        OnFailure onFailure = node.field("on_failure").map(n -> n.asEnum(OnFailure.class)).orElse(OnFailure.ROLLBACK);
        Duration timeout = node.field("timeout").map(ConfigValues::positiveDuration).orElse(WorkflowStep.DEFAULT_TIMEOUT);
        Duration delay = node.field("delay").map(ConfigValues::duration).orElse(Duration.ZERO);
        int attempts = node.field("attempts").map(n -> ConfigValues.intIn(n, 1, WorkflowStep.MAX_ATTEMPTS)).orElse(1);
        Duration backoff = node.field("backoff").map(ConfigValues::positiveDuration).orElse(Duration.ofSeconds(1));
        return checked(node, () -> new WorkflowStep(name, action, params, success, onFailure, timeout, delay, attempts,
                backoff, alternatives));
    }

    /**
     * The {@code name} of a workflow or step: at most {@value Signal#MAX_NAME_LENGTH} characters,
     * the length the store keeps of workflow and step names.
     */
    private static String name(ConfigNode node) {
        ConfigNode name = node.required("name");
        String value = name.asString();
        if (value.length() > Signal.MAX_NAME_LENGTH) {
            throw name.error("must be at most " + Signal.MAX_NAME_LENGTH + " characters, was " + value.length());
        }
        return value;
    }

    private static Map<String, String> params(ConfigNode node) {
        Map<String, String> params = new LinkedHashMap<>();
        node.field("params").ifPresent(p -> p.fields().forEach((k, v) -> params.put(k, v.asString())));
        return params;
    }

    private static SuccessCriterion criterion(ConfigNode node) {
        node.requireKeys(Set.of("metric", "below", "above", "for"));
        boolean below = node.field("below").isPresent();
        if (below == node.field("above").isPresent()) {
            throw node.error("a success criterion needs exactly one of 'below' and 'above'");
        }
        double threshold = node.required(below ? "below" : "above").asDouble();
        Duration holdFor = node.field("for").map(ConfigValues::duration).orElse(Duration.ZERO);
        String metric = node.required("metric").asString();
        return checked(node, () -> new SuccessCriterion(metric, below, threshold, holdFor));
    }

    private static CallContext context(ConfigNode node) {
        node.requireKeys(Set.of("operation", "criticality"));
        OperationType operation = node.field("operation").map(n -> n.asEnum(OperationType.class))
                .orElse(OperationType.INFORMATIONAL);
        Criticality criticality = node.field("criticality").map(n -> n.asEnum(Criticality.class))
                .orElse(Criticality.MEDIUM);
        return CallContext.of(operation, criticality);
    }

    private static List<ConfigNode> listOrOne(ConfigNode node) {
        return node.kind() == ConfigNode.Kind.LIST ? node.elements() : List.of(node);
    }

    /** Diagnosis categories by their labels ({@code database}); any other word could never match an incident. */
    private static List<String> categories(ConfigNode node) {
        return listOrOne(node).stream().map(n -> n.asEnum(DiagnosisCategory.class).label()).toList();
    }

    private static List<String> strings(ConfigNode node) {
        return listOrOne(node).stream().map(ConfigNode::asString).toList();
    }

    private static <T> T checked(ConfigNode node, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }
}
