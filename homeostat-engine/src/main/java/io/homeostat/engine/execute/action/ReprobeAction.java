package io.homeostat.engine.execute.action;

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
 * {@code reprobe}: runs the probe named by {@code probe} (default: the service's name) once and
 * fails if the dependency does not answer well; the step's {@code attempts} and {@code backoff}
 * make it a retry with exponential backoff. Low risk. Thread-safe.
 */
public final class ReprobeAction implements Action {

    private final KernelControl control;

    public ReprobeAction(KernelControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "reprobe";
    }

    @Override
    public Optional<Set<String>> paramNames() {
        return Optional.of(Set.of("probe"));
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        return RiskLevel.LOW;
    }

    @Override
    public ActionResult run(ActionRequest request) {
        String probe = request.param("probe").orElse(request.service());
        try {
            if (!control.probe(probe)) {
                throw new ActionFailedException("probe " + probe + " still fails");
            }
        } catch (UnknownControlTargetException e) {
            throw new ActionFailedException(e.getMessage(), e);
        }
        return ActionResult.of("probe " + probe + " answered");
    }
}
