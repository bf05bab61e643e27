package io.homeostat.engine.execute.action;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.fallback.TierKind;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code failover}: moves the route named by {@code route} off its current provider; without
 * {@code route}, the route that has the incident's service as its current provider. The route
 * moves to the next <b>healthy</b> provider after the current one in the route's order, wrapping
 * around to the start, so a route that failed over to its replica can fail back to the primary when
 * the replica fails in turn (a provider whose circuit is open or forced open is skipped).
 * Prerequisites: the route exists, the failing service is the one in use (if the route already
 * moved on, that is said, as it is: nothing to fail over), and another provider is healthy. Medium
 * risk; callers are served by an {@link TierKind#ALTERNATIVE}; the rollback switches back.
 * Thread-safe.
 */
public final class FailoverAction implements Action {

    private final KernelControl control;
    private final List<ProviderRoute> routes;

    /** @param routes every route the control knows, to find one by its providers */
    public FailoverAction(KernelControl control, Iterable<ProviderRoute> routes) {
        this.control = control;
        Map<String, ProviderRoute> byName = new LinkedHashMap<>();
        routes.forEach(r -> byName.put(r.name(), r));
        this.routes = List.copyOf(byName.values());
    }

    @Override
    public String name() {
        return "failover";
    }

    @Override
    public Optional<Set<String>> paramNames() {
        return Optional.of(Set.of("route"));
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
        try {
            plan(request);
            return Optional.empty();
        } catch (ActionFailedException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public ActionResult run(ActionRequest request) {
        Move move = plan(request);
        move.route.select(move.to);
        return new ActionResult("route " + move.route.name() + " moved from " + move.from + " to " + move.to,
                Map.of("route", move.route.name(), "before", move.from));
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

    private record Move(ProviderRoute route, String from, String to) {}

    /** Where the request would move which route, or why it cannot (the exception's message). */
    private Move plan(ActionRequest request) {
        Optional<String> named = request.param("route");
        ProviderRoute route;
        if (named.isPresent()) {
            route = control.route(named.get())
                    .orElseThrow(() -> new ActionFailedException("no route named " + named.get()));
        } else {
            String service = request.service();
            route = routes.stream().filter(r -> r.current().equals(service)).findFirst()
                    .or(() -> routes.stream().filter(r -> r.providers().contains(service)).findFirst())
                    .orElseThrow(() -> new ActionFailedException("no route has " + service + " as a provider"));
            String current = route.current();
            if (!current.equals(service)) {
                throw new ActionFailedException("route " + route.name() + " already moved from " + service + " to "
                        + current + ": " + service + " is not in use, nothing to fail over");
            }
        }
        String from = route.current();
        List<String> providers = route.providers();
        int at = providers.indexOf(from);
        for (int i = 1; i < providers.size(); i++) {
            String candidate = providers.get((at + i) % providers.size());
            if (healthy(candidate)) {
                return new Move(route, from, candidate);
            }
        }
        throw new ActionFailedException(providers.size() == 1
                ? "route " + route.name() + " has no provider after " + from
                : "route " + route.name() + " has no healthy provider besides " + from + " (circuits open)");
    }

    private boolean healthy(String provider) {
        Optional<CircuitState> state = control.circuitState(provider);
        return state.isEmpty() || state.get() != CircuitState.OPEN && state.get() != CircuitState.FORCED_OPEN;
    }
}
