package io.homeostat.engine.execute.action;

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
 * {@code reset_pool}: soft-evicts the connection pool named by {@code pool} (default: the
 * service's name), e.g. HikariCP's {@code softEvictConnections}: idle connections close now, busy
 * ones on return. Prerequisite: the pool is registered with the kernel control. Low risk (callers
 * wait for a new connection at worst), nothing to undo. Thread-safe.
 */
public final class PoolResetAction implements Action {

    private final KernelControl control;

    public PoolResetAction(KernelControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "reset_pool";
    }

    @Override
    public Optional<Set<String>> paramNames() {
        return Optional.of(Set.of("pool"));
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        return RiskLevel.LOW;
    }

    @Override
    public Optional<String> unmetPrerequisite(ActionRequest request) {
        String name = pool(request);
        return control.pool(name).isPresent() ? Optional.empty() : Optional.of("no connection pool named " + name);
    }

    @Override
    public ActionResult run(ActionRequest request) {
        String name = pool(request);
        try {
            int evicted = control.pool(name).orElseThrow(() -> new ActionFailedException("no connection pool named " + name))
                    .softEvict();
            return ActionResult.of("soft-evicted pool " + name + " (" + evicted + " idle connections closed)");
        } catch (ActionFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ActionFailedException("pool " + name + " refused to evict: " + e.getMessage(), e);
        }
    }

    private static String pool(ActionRequest request) {
        return request.param("pool").orElse(request.service());
    }
}
