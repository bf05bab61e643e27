package io.homeostat.engine.execute.action;

import io.homeostat.core.control.ControlledCache;
import io.homeostat.core.control.KernelControl;
import io.homeostat.core.fallback.TierKind;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code clear_cache} and {@code warm_cache} on the cache named by {@code cache} (default: the
 * service's name). Low risk, not reversible. Warming makes callers get {@link TierKind#CACHED}
 * answers, which the safety policy forbids for prescriptive calls. Thread-safe.
 */
public final class CacheAction implements Action {

    private final KernelControl control;
    private final boolean warm;

    private CacheAction(KernelControl control, boolean warm) {
        this.control = control;
        this.warm = warm;
    }

    /** {@code clear_cache}. */
    public static CacheAction clear(KernelControl control) {
        return new CacheAction(control, false);
    }

    /** {@code warm_cache}. */
    public static CacheAction warm(KernelControl control) {
        return new CacheAction(control, true);
    }

    @Override
    public String name() {
        return warm ? "warm_cache" : "clear_cache";
    }

    @Override
    public Optional<Set<String>> paramNames() {
        return Optional.of(Set.of("cache"));
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        return RiskLevel.LOW;
    }

    @Override
    public Optional<TierKind> serves() {
        return warm ? Optional.of(TierKind.CACHED) : Optional.empty();
    }

    @Override
    public Optional<String> unmetPrerequisite(ActionRequest request) {
        return control.cache(name(request)).isPresent() ? Optional.empty()
                : Optional.of("no cache named " + name(request));
    }

    @Override
    public ActionResult run(ActionRequest request) {
        ControlledCache cache = control.cache(name(request)).orElseThrow();
        int n = warm ? cache.warm() : cache.clear();
        return ActionResult.of((warm ? "warmed " : "cleared ") + n + " entries of cache " + name(request));
    }

    private static String name(ActionRequest request) {
        return request.param("cache").orElse(request.service());
    }
}
