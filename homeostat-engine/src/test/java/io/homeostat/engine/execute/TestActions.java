package io.homeostat.engine.execute;

import io.homeostat.engine.plan.RiskLevel;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Actions for tests: a name, one risk whatever the parameters, and what a run does (nothing to undo). */
public final class TestActions {

    private TestActions() {}

    /** An action called {@code name} of {@code risk} whose run answers {@code run}'s result. */
    public static Action of(String name, RiskLevel risk, Function<ActionRequest, ActionResult> run) {
        Objects.requireNonNull(run, "run");
        return new Action() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public RiskLevel risk(Map<String, String> params) {
                return risk;
            }

            @Override
            public ActionResult run(ActionRequest request) {
                return run.apply(request);
            }
        };
    }
}
