package io.homeostat.engine.execute.action;

import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.fallback.TierKind;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code failover}: switches the route named by {@code route} to its next provider; without
 * {@code route}, the route whose current provider is the incident's service. Prerequisite: the
 * route exists and has a next provider (a read replica, a second vendor). Medium risk; callers
 * are served by an {@link TierKind#ALTERNATIVE}; the rollback switches back. Thread-safe.
 */
public final class FailoverAction implements Action {

    private final KernelControl control;
    private final Map<String, ProviderRoute> routesByName;

    /** @param routes every route the control knows, to find one by its current provider */
    public FailoverAction(KernelControl control, Iterable<ProviderRoute> routes) {
        this.control = control;
        Map<String, ProviderRoute> byName = new HashMap<>();
        routes.forEach(r -> byName.put(r.name(), r));
        this.routesByName = Map.copyOf(byName);
    }

    @Override
    public String name() {
        return "failover";
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        return RiskLevel.MEDIUM;
    }

    @Override
    public Optional<TierKind> serves() {
        return Optional.of(TierKind.ALTERNATIVE);
    }

    @Override
    public Optional<String> unmetPrerequisite(ActionRequest request) {
        Optional<ProviderRoute> route = route(request);
        if (route.isEmpty()) {
            return Optional.of("no route for " + request.param("route").orElse(request.service()));
        }
        return route.get().next().isPresent() ? Optional.empty()
                : Optional.of("route " + route.get().name() + " has no provider after " + route.get().current());
    }

    @Override
    public ActionResult run(ActionRequest request) {
        ProviderRoute route = route(request).orElseThrow(() -> new ActionFailedException("no route"));
        String before = route.current();
        String now = route.advance().orElseThrow(() -> new ActionFailedException(
                "route " + route.name() + " has no provider after " + before));
        return new ActionResult("route " + route.name() + " moved from " + before + " to " + now,
                Map.of("route", route.name(), "before", before));
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void rollback(ActionRequest request, ActionResult result) {
        ProviderRoute route = control.route(result.undo().get("route"))
                .orElseThrow(() -> new ActionFailedException("route " + result.undo().get("route") + " is gone"));
        route.select(result.undo().get("before"));
    }

    private Optional<ProviderRoute> route(ActionRequest request) {
        Optional<String> named = request.param("route");
        if (named.isPresent()) {
            return control.route(named.get());
        }
        return routesByName.values().stream().filter(r -> r.current().equals(request.service())).findFirst();
    }
}
