package io.homeostat.engine.execute.action;

import io.homeostat.core.control.ControlledCapacity;
import io.homeostat.core.control.KernelControl;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code scale}: resizes the capacity named by {@code target} (default: the service's name), a
 * worker pool, connection pool maximum or instance count the application registered as a
 * {@link ControlledCapacity} with the kernel control, either {@code by} a signed step (e.g.
 * {@code +1}, {@code -2}) or {@code to} a size; exactly one of the two. The capacity's own bounds
 * hold: a step that would leave them is an unmet prerequisite, never clamped.
 *
 * <p>Low risk to scale up (more of what already runs), medium to scale down (less room for
 * callers). The rollback restores the size before. Thread-safe.
 */
public final class ScaleAction implements Action {

    private final KernelControl control;

    public ScaleAction(KernelControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public Optional<Set<String>> paramNames() {
        return Optional.of(Set.of("target", "by", "to"));
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        String by = params.get("by");
        if (by != null) {
            return by.strip().startsWith("-") ? RiskLevel.MEDIUM : RiskLevel.LOW;
        }
        return RiskLevel.MEDIUM;
    }

    /** Exactly one of {@code by} and {@code to}, a whole number. */
    @Override
    public Optional<String> invalidParams(Map<String, String> params) {
        String by = params.get("by");
        String to = params.get("to");
        if ((by == null) == (to == null)) {
            return Optional.of("scale needs exactly one of 'by' and 'to'");
        }
        String size = by != null ? by : to;
        try {
            Integer.parseInt(size.strip());
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of((by != null ? "by" : "to") + ": '" + size + "' is not a whole number");
        }
    }

    @Override
    public Optional<String> unmetPrerequisite(ActionRequest request) {
        String name = target(request);
        Optional<ControlledCapacity> capacity = control.capacity(name);
        if (capacity.isEmpty()) {
            return Optional.of(name + " is not managed: no capacity is registered under that name");
        }
        try {
            size(request, capacity.get());
            return Optional.empty();
        } catch (ActionFailedException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public ActionResult run(ActionRequest request) {
        String name = target(request);
        ControlledCapacity capacity = control.capacity(name)
                .orElseThrow(() -> new ActionFailedException(name + " is not managed: nothing scaled"));
        int size = size(request, capacity);
        try {
            int before = control.scale(name, size, "recovery " + request.key());
            return new ActionResult("scaled " + name + " " + before + " -> " + size,
                    Map.of("target", name, "before", Integer.toString(before)));
        } catch (RuntimeException e) {
            throw new ActionFailedException("scaling " + name + " to " + size + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void rollback(ActionRequest request, ActionResult result) {
        String name = result.undo().getOrDefault("target", target(request));
        String before = result.undo().get("before");
        if (before == null) {
            throw new ActionFailedException("no size before to restore for " + name);
        }
        control.scale(name, Integer.parseInt(before), "rollback of " + request.key());
    }

    private static String target(ActionRequest request) {
        return request.param("target").orElse(request.service());
    }

    /** The size asked for, within the capacity's bounds. */
    private static int size(ActionRequest request, ControlledCapacity capacity) {
        Optional<String> by = request.param("by");
        Optional<String> to = request.param("to");
        if (by.isPresent() == to.isPresent()) {
            throw new ActionFailedException("scale needs exactly one of 'by' and 'to'");
        }
        int size;
        try {
            size = by.isPresent() ? Math.addExact(capacity.size(), Integer.parseInt(by.get().strip()))
                    : Integer.parseInt(to.get().strip());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ActionFailedException("scale: '" + by.or(() -> to).orElseThrow() + "' is not a whole number", e);
        }
        if (size < capacity.min() || size > capacity.max()) {
            throw new ActionFailedException("scaling " + target(request) + " to " + size + " would leave its bounds ["
                    + capacity.min() + ", " + capacity.max() + "] (size now " + capacity.size() + ")");
        }
        return size;
    }
}
