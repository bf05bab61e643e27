package io.homeostat.engine.execute.action;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.UnknownControlTargetException;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code open_circuit} and {@code reset_circuit}: force the circuit of the guard named by
 * {@code guard} (default: the service's name) open, or reset it closed. Low risk; the rollback puts
 * the circuit back open or closed as it was. Thread-safe.
 */
public final class CircuitAction implements Action {

    private final KernelControl control;
    private final boolean open;

    private CircuitAction(KernelControl control, boolean open) {
        this.control = control;
        this.open = open;
    }

    /** {@code open_circuit}. */
    public static CircuitAction open(KernelControl control) {
        return new CircuitAction(control, true);
    }

    /** {@code reset_circuit}. */
    public static CircuitAction reset(KernelControl control) {
        return new CircuitAction(control, false);
    }

    @Override
    public String name() {
        return open ? "open_circuit" : "reset_circuit";
    }

    @Override
    public Optional<Set<String>> paramNames() {
        return Optional.of(Set.of("guard"));
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        return RiskLevel.LOW;
    }

    @Override
    public Optional<String> unmetPrerequisite(ActionRequest request) {
        String guard = guard(request);
        return control.circuitState(guard).isPresent() ? Optional.empty()
                : Optional.of("no guard with a circuit breaker named " + guard);
    }

    @Override
    public ActionResult run(ActionRequest request) {
        String guard = guard(request);
        String reason = "recovery " + request.key();
        try {
            CircuitState before = open ? control.openCircuit(guard, reason) : control.resetCircuit(guard, reason);
            return new ActionResult((open ? "opened" : "reset") + " circuit " + guard + " (was " + before + ")",
                    Map.of("before", before.name()));
        } catch (UnknownControlTargetException e) {
            throw new ActionFailedException(e.getMessage(), e);
        }
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void rollback(ActionRequest request, ActionResult result) {
        CircuitState before = CircuitState.valueOf(result.undo().getOrDefault("before", "CLOSED"));
        String reason = "rollback of " + request.key();
        boolean wasOpen = before == CircuitState.OPEN || before == CircuitState.FORCED_OPEN;
        if (wasOpen) {
            control.openCircuit(guard(request), reason);
        } else {
            control.resetCircuit(guard(request), reason);
        }
    }

    private static String guard(ActionRequest request) {
        return request.param("guard").orElse(request.service());
    }
}
