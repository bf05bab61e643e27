package io.homeostat.engine.execute;

import io.homeostat.core.fallback.TierKind;
import io.homeostat.engine.plan.RiskLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A test action that counts its runs and rollbacks and fails or crashes on demand. */
final class CountingAction implements Action {

    /** Thrown to simulate the process dying in the middle of the action (not caught by the orchestrator). */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    private final String name;
    private final RiskLevel risk;
    private final Optional<TierKind> serves;
    final List<String> runs = new CopyOnWriteArrayList<>();
    final List<String> rollbacks = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile boolean crash;
    volatile String unmet = "";
    /** When set, {@link #risk} throws with it, as an action that cannot read its parameters does. */
    volatile String badParams = "";

    CountingAction(String name, RiskLevel risk) {
        this(name, risk, Optional.empty());
    }

    CountingAction(String name, RiskLevel risk, Optional<TierKind> serves) {
        this.name = name;
        this.risk = risk;
        this.serves = serves;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        if (!badParams.isEmpty()) {
            throw new ActionFailedException(badParams);
        }
        return risk;
    }

    @Override
    public Optional<TierKind> serves() {
        return serves;
    }

    @Override
    public Optional<String> unmetPrerequisite(ActionRequest request) {
        return unmet.isEmpty() ? Optional.empty() : Optional.of(unmet);
    }

    @Override
    public ActionResult run(ActionRequest request) {
        runs.add(request.key());
        if (crash) {
            throw new Crash();
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ActionFailedException(name + " failed on purpose");
        }
        return new ActionResult(name + " done", Map.of("token", request.key()));
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void rollback(ActionRequest request, ActionResult result) {
        rollbacks.add(result.undo().get("token"));
    }
}
