package io.homeostat.engine.loop;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.AuditEntry;
import io.homeostat.engine.execute.RecoveryAudit;
import io.homeostat.engine.execute.RecoveryTrigger;
import io.homeostat.engine.execute.WorkflowOrder;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.learn.Candidate;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.Risk;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.plan.StepAlternative;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Orders matching workflows by what the {@link EffectivenessLearner} knows of
 * {@code workflow:<name>} on the incident's problem (its fingerprint and the trigger's category):
 * the success rate's lower confidence bound weighed by recency, demotion of workflows that keep
 * failing, mean time to recover, then risk ({@link AlternativeRanking}); only low-risk workflows are
 * ever explored. A workflow's risk is its riskiest step's (of a step with alternatives, its riskiest
 * alternative's). While none of the candidates has been tried on the problem (or its failure type),
 * the catalog's order (priority, specificity) stands. With an audit hook, every order of two or
 * more is audited ({@code plan.ranked}) with the reason for each place. Thread-safe.
 */
public final class LearnedWorkflowOrder implements WorkflowOrder {

    private final AlternativeRanking ranking;
    private final ActionCatalog actions;
    private final RecoveryAudit audit;
    private final Clock clock;

    /**
     * An order that audits nothing, on the system clock, with evidence halving every 30 days.
     *
     * @throws NullPointerException if an argument is null
     */
    public LearnedWorkflowOrder(EffectivenessLearner learner, ActionCatalog actions) {
        this(learner, actions, entry -> { }, Clock.system(), Duration.ofDays(AlternativeRanking.DEFAULT_HALF_LIFE_DAYS));
    }

    /**
     * An order that audits why it ranked as it did.
     *
     * @param halfLife how fast old evidence counts less; e.g. 30 days
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code halfLife} is not positive
     */
    public LearnedWorkflowOrder(EffectivenessLearner learner, ActionCatalog actions, RecoveryAudit audit, Clock clock,
            Duration halfLife) {
        this.ranking = new AlternativeRanking(learner, clock, halfLife);
        this.actions = Objects.requireNonNull(actions, "actions");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = clock;
    }

    @Override
    public List<Workflow> order(RecoveryTrigger trigger, Incident incident, List<Workflow> candidates) {
        if (candidates.size() < 2) {
            return candidates;
        }
        String type = trigger.category().isBlank() ? OutcomeRecorder.UNKNOWN_CATEGORY : trigger.category();
        Problem problem = new Problem(incident.fingerprint(), type);
        Map<String, Workflow> byName = new LinkedHashMap<>();
        List<Candidate> named = new ArrayList<>();
        for (Workflow w : candidates) {
            byName.put("workflow:" + w.name(), w);
            named.add(new Candidate("workflow:" + w.name(), risk(w)));
        }
        List<AlternativeRanking.Ranked> ranked = ranking.rank(problem, named);
        boolean learned = ranked.stream().anyMatch(AlternativeRanking.Ranked::tried);
        List<Workflow> order = learned ? ranked.stream().map(r -> byName.get(r.action())).toList() : candidates;
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("order", String.join(",", order.stream().map(Workflow::name).toList()));
        evidence.put("trigger", trigger.type().name());
        evidence.put("category", trigger.category());
        StringBuilder why = new StringBuilder("workflow " + order.getFirst().name() + " first of "
                + order.size() + (learned ? " by learned effectiveness:" : ", none tried on this problem: catalog order"
                + " (priority, specificity):"));
        for (AlternativeRanking.Ranked r : ranked) {
            String name = byName.get(r.action()).name();
            String reason = learned ? r.why() : "priority " + byName.get(r.action()).priority() + "; " + r.why();
            evidence.put("why." + name, reason);
            why.append(' ').append(name).append(" - ").append(reason).append(';');
        }
        audit.record(new AuditEntry(clock.instant(), IncidentTracker.SELF, "plan.ranked", incident.id(), "",
                why.toString(), evidence));
        return order;
    }

    /** The workflow's riskiest step's risk, as the learner sees it. */
    Risk risk(Workflow workflow) {
        RiskLevel worst = RiskLevel.LOW;
        for (WorkflowStep step : workflow.steps()) {
            for (StepAlternative option : step.options()) {
                RiskLevel level = actions.find(option.action()).map((Action a) -> a.risk(option.params()))
                        .orElse(RiskLevel.HIGH);
                worst = level.compareTo(worst) > 0 ? level : worst;
            }
        }
        return Risk.valueOf(worst.name());
    }
}
