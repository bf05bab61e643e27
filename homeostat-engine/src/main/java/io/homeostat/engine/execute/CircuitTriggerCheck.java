package io.homeostat.engine.execute;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.control.KernelControl;
import io.homeostat.engine.plan.TriggerType;

/**
 * Re-checks a {@link TriggerType#CIRCUIT_OPEN} trigger: it still holds while the service's circuit
 * is not closed (a circuit that closed again means the dependency recovered by itself). Other
 * triggers are taken as holding. Thread-safe.
 */
public final class CircuitTriggerCheck implements TriggerCheck {

    private final KernelControl control;

    public CircuitTriggerCheck(KernelControl control) {
        this.control = control;
    }

    @Override
    public boolean stillHolds(WorkflowRun run) {
        if (run.trigger() != TriggerType.CIRCUIT_OPEN) {
            return true;
        }
        return control.circuitState(run.service()).map(s -> s != CircuitState.CLOSED).orElse(true);
    }
}
