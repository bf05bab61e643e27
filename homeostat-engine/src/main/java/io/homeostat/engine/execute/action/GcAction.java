package io.homeostat.engine.execute.action;

import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code trigger_gc}: asks this JVM for a full garbage collection and reports the heap used before
 * and after. Low risk, nothing to undo. Thread-safe.
 */
public final class GcAction implements Action {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @Override
    public String name() {
        return "trigger_gc";
    }

    @Override
    public Optional<Set<String>> paramNames() {
        return Optional.of(Set.of());
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        return RiskLevel.LOW;
    }

    @Override
    public ActionResult run(ActionRequest request) {
        long before = memory.getHeapMemoryUsage().getUsed();
        memory.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        return new ActionResult("heap used " + before + " -> " + after + " bytes",
                Map.of("heapBefore", Long.toString(before), "heapAfter", Long.toString(after)));
    }
}
