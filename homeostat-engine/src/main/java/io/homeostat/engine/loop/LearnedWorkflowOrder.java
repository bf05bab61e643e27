package io.homeostat.engine.loop;

import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.RecoveryTrigger;
import io.homeostat.engine.execute.WorkflowOrder;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.learn.Candidate;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RankedAction;
import io.homeostat.engine.learn.Ranking;
import io.homeostat.engine.learn.Risk;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Orders matching workflows by the {@link EffectivenessLearner}'s ranking of
 * {@code workflow:<name>} for the incident's problem (its fingerprint and the trigger's category):
 * workflows that keep failing are demoted and stop being chosen first, a proven one leads, and
 * only low-risk workflows are ever explored. A workflow's risk is its riskiest step's. While none
 * of the candidates has been tried on the problem (or its failure type), the catalog's order
 * (priority, specificity) stands. Thread-safe.
 */
public final class LearnedWorkflowOrder implements WorkflowOrder {

    private final EffectivenessLearner learner;
    private final ActionCatalog actions;

    /** @throws NullPointerException if an argument is null */
    public LearnedWorkflowOrder(EffectivenessLearner learner, ActionCatalog actions) {
        this.learner = Objects.requireNonNull(learner, "learner");
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    @Override
    public List<Workflow> order(RecoveryTrigger trigger, Incident incident, List<Workflow> candidates) {
        if (candidates.size() < 2) {
            return candidates;
        }
        String type = trigger.category().isBlank() ? OutcomeRecorder.UNKNOWN_CATEGORY : trigger.category();
        Problem problem = new Problem(incident.fingerprint(), type);
        Map<String, Workflow> byName = new LinkedHashMap<>();
        List<Candidate> ranked = new ArrayList<>();
        for (Workflow w : candidates) {
            byName.put("workflow:" + w.name(), w);
            ranked.add(new Candidate("workflow:" + w.name(), risk(w)));
        }
        Ranking ranking = learner.rank(problem, ranked);
        if (ranking.actions().stream().allMatch(r -> r.evidence().attempts() == 0)) {
            return candidates;
        }
        return ranking.actions().stream().map(RankedAction::action).map(byName::get).toList();
    }

    /** The workflow's riskiest step's risk, as the learner sees it. */
    Risk risk(Workflow workflow) {
        RiskLevel worst = RiskLevel.LOW;
        for (WorkflowStep step : workflow.steps()) {
            RiskLevel level = actions.find(step.action()).map((Action a) -> a.risk(step.params())).orElse(RiskLevel.HIGH);
            worst = level.compareTo(worst) > 0 ? level : worst;
        }
        return Risk.valueOf(worst.name());
    }
}
