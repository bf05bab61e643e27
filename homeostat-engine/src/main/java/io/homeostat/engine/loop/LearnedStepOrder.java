package io.homeostat.engine.loop;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.StepOrder;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.learn.Candidate;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.Risk;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.plan.StepAlternative;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Orders the alternatives of a step by what the {@link EffectivenessLearner} knows of each action
 * on the run's problem (the incident's fingerprint and the category the run started for): the
 * success rate's lower confidence bound weighed by recency, demotion of what keeps failing, mean
 * time to recover, then risk (see {@link AlternativeRanking}); untried alternatives go by risk,
 * then as written, and only low-risk ones are ever explored. Each place comes with its reason,
 * which the orchestrator audits. Without a known problem the order is as written. Thread-safe.
 */
public final class LearnedStepOrder implements StepOrder {

    private final AlternativeRanking ranking;
    private final ActionCatalog actions;
    private final Function<WorkflowRun, Optional<Problem>> problems;

    /**
     * @param problems the problem a run works on (e.g. {@link OutcomeRecorder#problem})
     * @param halfLife how fast old evidence counts less; e.g. 30 days
     * @throws IllegalArgumentException if {@code halfLife} is not positive
     */
    public LearnedStepOrder(EffectivenessLearner learner, ActionCatalog actions,
            Function<WorkflowRun, Optional<Problem>> problems, Clock clock, Duration halfLife) {
        this.ranking = new AlternativeRanking(learner, clock, halfLife);
        this.actions = Objects.requireNonNull(actions, "actions");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    @Override
    public List<RankedAlternative> order(WorkflowRun run, Workflow workflow, WorkflowStep step,
            List<StepAlternative> options) {
        Optional<Problem> problem = problems.apply(run);
        if (problem.isEmpty()) {
            return AS_WRITTEN.order(run, workflow, step, options).stream()
                    .map(r -> new RankedAlternative(r.alternative(), "no known problem to rank on; as written")).toList();
        }
        Map<String, StepAlternative> byAction = options.stream()
                .collect(Collectors.toMap(StepAlternative::action, o -> o, (a, b) -> a, java.util.LinkedHashMap::new));
        List<Candidate> candidates = options.stream().map(o -> new Candidate(o.action(), risk(o))).toList();
        return ranking.rank(problem.get(), candidates).stream()
                .map(r -> new RankedAlternative(byAction.get(r.action()), r.why())).toList();
    }

    private Risk risk(StepAlternative option) {
        RiskLevel level = actions.find(option.action()).map((Action a) -> a.risk(option.params())).orElse(RiskLevel.HIGH);
        return Risk.valueOf(level.name());
    }
}
