package io.homeostat.engine.execute.action;

import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.UnknownControlTargetException;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.core.fallback.TierKind;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code set_degradation}: sets the service-wide degradation level to {@code level} (e.g.
 * {@code essential}). Medium risk, high for {@code read_only} and {@code maintenance}; callers get
 * {@link TierKind#DEGRADED} answers; the rollback restores the level before. Thread-safe.
 */
public final class DegradationAction implements Action {

    private final KernelControl control;

    public DegradationAction(KernelControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "set_degradation";
    }

    @Override
    public Optional<Set<String>> paramNames() {
        return Optional.of(Set.of("level"));
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        DegradationLevel level = parse(params.getOrDefault("level", "reduced"));
        return level.isWorseThan(DegradationLevel.ESSENTIAL) ? RiskLevel.HIGH : RiskLevel.MEDIUM;
    }

    /** {@code level} is required and must name a degradation level. */
    @Override
    public Optional<String> invalidParams(Map<String, String> params) {
        String level = params.get("level");
        if (level == null) {
            return Optional.of("level: missing; one of " + levels());
        }
        try {
            parse(level);
            return Optional.empty();
        } catch (ActionFailedException e) {
            return Optional.of("level: " + e.getMessage() + "; one of " + levels());
        }
    }

    @Override
    public Optional<TierKind> serves() {
        return Optional.of(TierKind.DEGRADED);
    }

    @Override
    public ActionResult run(ActionRequest request) {
        DegradationLevel level = parse(request.required("level"));
        try {
            DegradationLevel before = control.setDegradation(level, "recovery " + request.key());
            return new ActionResult("degradation " + before + " -> " + level, Map.of("before", before.name()));
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
        control.setDegradation(DegradationLevel.valueOf(result.undo().get("before")), "rollback of " + request.key());
    }

    private static String levels() {
        return Arrays.stream(DegradationLevel.values()).map(l -> l.name().toLowerCase(Locale.ROOT)).toList().toString();
    }

    private static DegradationLevel parse(String text) {
        try {
            return DegradationLevel.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ActionFailedException("unknown degradation level '" + text + "'", e);
        }
    }
}
