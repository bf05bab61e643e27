package io.homeostat.engine.execute;

import io.homeostat.core.fallback.TierKind;
import io.homeostat.engine.plan.RiskLevel;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A recovery action, the plugin a workflow step names. An action declares its risk, the kind of
 * answer callers get once it ran (the safety policy judges that against the workflow's call
 * context), the prerequisites checked right before it runs, and how to undo it.
 *
 * <p>Implementations must be thread-safe. {@link #run} is called at most once per
 * {@linkplain ActionRequest#key() request key}: the orchestrator claims the key in the
 * {@link io.homeostat.engine.port.WorkflowStore} first.
 */
public interface Action {

    /** The catalog name steps use, e.g. {@code failover}. */
    String name();

    /** The risk of running it with these parameters. */
    RiskLevel risk(Map<String, String> params);

    /**
     * The fallback tier callers are served from after it ran (e.g. {@link TierKind#ALTERNATIVE} for a
     * failover, {@link TierKind#CACHED} for warming a cache); empty if callers still get the primary.
     * The default is empty.
     */
    default Optional<TierKind> serves() {
        return Optional.empty();
    }

    /**
     * The names of the parameters it takes, e.g. {@code [message, severity]}; a step giving it
     * another is refused when workflows are read ({@link #checkParams}). Empty if it takes any,
     * which is the default (a webhook passes every parameter on to its receiver).
     */
    default Optional<Set<String>> paramNames() {
        return Optional.empty();
    }

    /**
     * Checks the parameters a step gives it as written: each one it {@linkplain #paramNames takes},
     * then {@link #invalidParams}. Callers check with this, not with {@link #invalidParams} alone.
     *
     * @return what is wrong with them, naming the parameter; empty if nothing
     */
    default Optional<String> checkParams(Map<String, String> params) {
        Optional<Set<String>> taken = paramNames();
        if (taken.isPresent()) {
            for (String name : new TreeSet<>(params.keySet())) {
                if (!taken.get().contains(name)) {
                    return Optional.of(name + ": not a parameter of " + name() + "; it takes "
                            + (taken.get().isEmpty() ? "none" : new TreeSet<>(taken.get())));
                }
            }
        }
        return invalidParams(params);
    }

    /**
     * Checks the parameters a step gives it as written, when workflows are read, so a step that
     * could never run is refused with the configuration instead of failing when it is reached
     * ({@code ${service}} is not yet replaced). The default accepts any.
     *
     * @return what is wrong with them, naming the parameter; empty if nothing
     */
    default Optional<String> invalidParams(Map<String, String> params) {
        return Optional.empty();
    }

    /**
     * Checks what must hold before it runs (a read replica to fail over to, a command on the allow
     * list). The default has none.
     *
     * @return why it cannot run; empty if it can
     */
    default Optional<String> unmetPrerequisite(ActionRequest request) {
        return Optional.empty();
    }

    /**
     * Acts.
     *
     * @return what it did, and what its rollback needs
     * @throws ActionFailedException if it could not
     */
    ActionResult run(ActionRequest request);

    /** True if {@link #rollback} undoes it. The default is false. */
    default boolean reversible() {
        return false;
    }

    /**
     * Undoes a run that succeeded. The default does nothing.
     *
     * @throws ActionFailedException if it could not
     */
    default void rollback(ActionRequest request, ActionResult result) {
    }
}
