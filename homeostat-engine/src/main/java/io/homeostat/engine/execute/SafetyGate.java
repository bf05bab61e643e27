package io.homeostat.engine.execute;

import io.homeostat.core.CallContext;
import io.homeostat.core.fallback.TierKind;
import io.homeostat.core.safety.SafetyDecision;
import io.homeostat.core.safety.SafetyPolicy;
import io.homeostat.engine.execute.GateDecision.Verdict;
import io.homeostat.engine.plan.RiskLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether one step may act. The rules, in order (the first that applies decides):
 * <ol>
 *   <li>flags: the kill switch, or recovery turned off for the service, the action or its risk — hold;</li>
 *   <li>the incident is flapping — hold (acting on a flapping incident feeds the flap);</li>
 *   <li>more services have active incidents than the blast radius — hold;</li>
 *   <li>shadow or monitor mode — shadow;</li>
 *   <li>the call-context safety policy forbids the tier callers would get after the action
 *       (no cached data for prescriptive calls, no fallback for life-critical ones) — forbid;</li>
 *   <li>limited mode and the action is not low risk — hold;</li>
 *   <li>high risk without an approval for this step — approval;</li>
 *   <li>the action's daily cap (its own, or the medium-risk default) is used up — hold;</li>
 *   <li>the action ran on this service, in another run, within the cooldown — wait (it ends by
 *       itself; paging a person for it would page them for a timer);</li>
 *   <li>otherwise act.</li>
 * </ol>
 * Thread-safe.
 */
public final class SafetyGate {

    private final RecoveryPolicy policy;
    private final RecoveryFlags flags;
    private final SafetyPolicy safety;
    private final ActionLedger ledger;

    SafetyGate(RecoveryPolicy policy, RecoveryFlags flags, SafetyPolicy safety, ActionLedger ledger) {
        this.policy = policy;
        this.flags = flags;
        this.safety = safety;
        this.ledger = ledger;
    }

    /** The inputs of one decision. */
    record Question(String service, String action, RiskLevel risk, Optional<TierKind> serves, CallContext context,
            boolean flapping, int failingServices, boolean approved, String runId, Instant now) {
    }

    GateDecision decide(Question q) {
        String flag = flags.forbids(q.service(), q.action(), q.risk());
        if (!flag.isEmpty()) {
            return new GateDecision(Verdict.HOLD, "flags", flag);
        }
        if (q.flapping()) {
            return new GateDecision(Verdict.HOLD, "flapping", "the incident is flapping; automated action stops");
        }
        if (q.failingServices() > policy.blastRadius()) {
            return new GateDecision(Verdict.HOLD, "blast-radius", q.failingServices()
                    + " services have active incidents (blast radius " + policy.blastRadius()
                    + "): mass failure suggests the detector or the network is wrong");
        }
        AutomationMode mode = flags.mode();
        if (mode == AutomationMode.SHADOW || mode == AutomationMode.MONITOR) {
            return new GateDecision(Verdict.SHADOW, "mode", mode + " mode: would run " + q.action() + " (" + q.risk() + " risk)");
        }
        if (q.serves().isPresent()) {
            SafetyDecision d = safety.evaluate(q.context(), q.serves().get(), q.action());
            if (d.denied()) {
                return new GateDecision(Verdict.FORBID, "safety:" + d.rule(), d.reason());
            }
        }
        if (mode == AutomationMode.LIMITED && q.risk() != RiskLevel.LOW) {
            return new GateDecision(Verdict.HOLD, "mode", "limited mode runs low-risk actions only; " + q.action()
                    + " is " + q.risk());
        }
        if (q.risk() == RiskLevel.HIGH && !q.approved()) {
            return new GateDecision(Verdict.APPROVAL, "risk", q.action() + " is high risk and needs a person's approval");
        }
        Integer cap = policy.actionDailyCaps().get(q.action());
        if (cap == null && q.risk() == RiskLevel.MEDIUM) {
            cap = policy.mediumDailyCap();
        }
        int ran = ledger.runsToday(q.action(), q.now());
        if (cap != null && ran >= cap) {
            return new GateDecision(Verdict.HOLD, "daily-cap", q.action() + " ran " + ran + " times today (cap " + cap + ")");
        }
        Optional<Instant> last = ledger.lastRun(q.service(), q.action(), q.runId());
        if (last.isPresent() && last.get().plus(policy.cooldown()).isAfter(q.now())) {
            Duration left = Duration.between(q.now(), last.get().plus(policy.cooldown()));
            return GateDecision.waitUntil(last.get().plus(policy.cooldown()), "cooldown", q.action() + " ran on " + q.service() + " at " + last.get()
                    + "; cooldown " + policy.cooldown() + " has " + left + " left");
        }
        return new GateDecision(Verdict.ACT, "allowed", q.risk() + " risk, within limits");
    }
}
