package io.homeostat.engine.execute;

import io.homeostat.engine.plan.StepAlternative;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowStep;
import java.util.List;

/**
 * The planner's order of the alternatives of a step that offers several
 * ({@link WorkflowStep#alternatives()}), with the reason for each place. The orchestrator runs the
 * first whose action's prerequisite holds, records the choice with the step (a resumed run keeps
 * it) and audits the order and the reasons ({@code step.ranked}). The default keeps the order as
 * written; the loop ranks by learned effectiveness, recency and risk. Implementations must be
 * thread-safe, quick, and return every option once.
 */
@FunctionalInterface
public interface StepOrder {

    /** The order as written in the workflow. */
    StepOrder AS_WRITTEN = (run, workflow, step, options) -> options.stream()
            .map(o -> new RankedAlternative(o, "as written")).toList();

    /**
     * The options, best first.
     *
     * @param options the step's alternatives as written; at least two
     */
    List<RankedAlternative> order(WorkflowRun run, Workflow workflow, WorkflowStep step, List<StepAlternative> options);

    /**
     * One alternative in its place, with why it is there.
     *
     * @param alternative the alternative
     * @param why one line for the audit trail, e.g. {@code 9/10 verified (lower bound 0.6), last 2 h ago; low risk}
     */
    record RankedAlternative(StepAlternative alternative, String why) {

        /** @throws NullPointerException if a component is null */
        public RankedAlternative {
            java.util.Objects.requireNonNull(alternative, "alternative");
            java.util.Objects.requireNonNull(why, "why");
        }
    }
}
