package io.homeostat.demo;

import io.homeostat.demo.triage.TriageSystem;
import io.homeostat.demo.upstream.Upstream;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.util.Map;

/**
 * {@code restart_service}: a graceful restart of one of the triage system's upstreams (the
 * demo's stand-in for {@code run_command graceful-restart}), which frees leaked memory. Parameter
 * {@code service} (default: the step's service). Medium risk. Thread-safe.
 */
final class RestartAction implements Action {

    private final TriageSystem system;

    RestartAction(TriageSystem system) {
        this.system = system;
    }

    @Override
    public String name() {
        return "restart_service";
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        return RiskLevel.MEDIUM;
    }

    @Override
    public ActionResult run(ActionRequest request) {
        String service = request.param("service").orElse(request.service());
        Upstream upstream = system.upstreams().get(service);
        if (upstream == null) {
            throw new ActionFailedException("no upstream named " + service + " to restart");
        }
        double before = upstream.memoryRatio();
        upstream.restart();
        return ActionResult.of(String.format(java.util.Locale.ROOT, "restarted %s gracefully; memory %.0f %% -> %.0f %%",
                service, before * 100, upstream.memoryRatio() * 100));
    }
}
