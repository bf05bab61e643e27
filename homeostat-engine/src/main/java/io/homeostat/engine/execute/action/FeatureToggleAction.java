package io.homeostat.engine.execute.action;

import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.UnknownControlTargetException;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code feature_toggle}: overrides the feature named by {@code feature} to {@code enabled}
 * ({@code true}/{@code false}, also {@code yes}/{@code no} and {@code on}/{@code off} in any case, as
 * every yes-or-no setting of the file; default false). Low risk; the rollback restores the override
 * before, or clears it. Thread-safe.
 */
public final class FeatureToggleAction implements Action {

    private static final String NONE = "none";
    private final KernelControl control;

    public FeatureToggleAction(KernelControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "feature_toggle";
    }

    @Override
    public Optional<Set<String>> paramNames() {
        return Optional.of(Set.of("feature", "enabled"));
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        return RiskLevel.LOW;
    }

    /** {@code feature} is required; {@code enabled}, if given, must be true/false, yes/no or on/off. */
    @Override
    public Optional<String> invalidParams(Map<String, String> params) {
        if (params.getOrDefault("feature", "").isBlank()) {
            return Optional.of("feature: missing; the feature to toggle");
        }
        String enabled = params.get("enabled");
        if (enabled != null && flag(enabled).isEmpty()) {
            return Optional.of("enabled: must be true or false, was '" + enabled
                    + "' (yes/no and on/off are read as true/false too)");
        }
        return Optional.empty();
    }

    @Override
    public ActionResult run(ActionRequest request) {
        String feature = request.required("feature");
        String flag = request.param("enabled").orElse("false");
        boolean enabled = flag(flag).orElseThrow(() -> new ActionFailedException("enabled must be true or false, was '"
                + flag + "'"));
        try {
            String before = control.setFeature(feature, enabled, "recovery " + request.key())
                    .map(String::valueOf).orElse(NONE);
            return new ActionResult("feature " + feature + " forced " + (enabled ? "on" : "off"),
                    Map.of("feature", feature, "before", before));
        } catch (UnknownControlTargetException e) {
            throw new ActionFailedException(e.getMessage(), e);
        }
    }

    /**
     * A yes-or-no parameter as every yes-or-no setting of the file reads: {@code true}/{@code false},
     * {@code yes}/{@code no}, {@code on}/{@code off}, in any case (parameters reach actions as text,
     * so the quoted words are taken too); empty for anything else.
     */
    private static Optional<Boolean> flag(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void rollback(ActionRequest request, ActionResult result) {
        String feature = result.undo().get("feature");
        String before = result.undo().get("before");
        String reason = "rollback of " + request.key();
        if (NONE.equals(before)) {
            control.clearFeature(feature, reason);
        } else {
            control.setFeature(feature, Boolean.parseBoolean(before), reason);
        }
    }
}
