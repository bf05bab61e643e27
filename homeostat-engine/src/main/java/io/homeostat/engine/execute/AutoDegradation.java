package io.homeostat.engine.execute;

import io.homeostat.core.CallContext;
import io.homeostat.core.control.KernelControl;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.action.DegradationAction;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.plan.DegradationPolicy;
import io.homeostat.engine.plan.DegradationThreshold;
import io.homeostat.engine.plan.RiskLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sets the degradation level from the {@link HealthScore} on each {@link #tick()}, with hysteresis
 * ({@link DegradationPolicy}), through the {@code set_degradation} action ({@link DegradationAction})
 * like any recovery step:
 * <ul>
 *   <li><b>down</b>: a score below a level's {@code below} moves to the worst level it calls for at
 *       once, but never past the policy's {@code maxLevel}: a score that calls for worse sets
 *       {@code maxLevel} and escalates (once, until the score allows {@code maxLevel} again);</li>
 *   <li><b>up</b>: one level at a time, and only after the score stayed above the current level's
 *       {@code recoverAbove} for the policy's {@code hold} without a break (a dip restarts the
 *       hold, and the next level's hold counts from the step); only from a level this set itself:
 *       a level a person (or a workflow step) set is left for them to lift;</li>
 *   <li>between {@code below} and {@code recoverAbove} nothing changes: no flapping.</li>
 * </ul>
 * The {@link RecoveryFlags} apply as to any action: the kill switch, a flag turning off the
 * service, {@code set_degradation} or its risk, and limited mode (low-risk actions only) hold it;
 * shadow and monitor mode record what it would do. Every change, hold and escalation is audited
 * with the score and the threshold that decided it; a hold is audited once until the decision changes.
 *
 * <p>Thread-safe: ticks are serialised. Times come from the injected clock.
 */
public final class AutoDegradation {

    /** The run id of automatic degradation's action requests and audit entries: {@value}. */
    public static final String RUN_ID = "auto-degradation";

    private final DegradationPolicy policy;
    private final HealthScore health;
    private final KernelControl control;
    private final Action action;
    private final RecoveryFlags flags;
    private final RecoveryAudit audit;
    private final EscalationSink escalation;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private DegradationLevel owned;
    private Instant aboveSince;
    private boolean capEscalated;
    private String lastHeld = "";
    private int changes;

    private AutoDegradation(Builder b) {
        this.policy = b.policy;
        this.health = b.health;
        this.control = b.control;
        this.action = new DegradationAction(b.control);
        this.flags = b.flags;
        this.audit = b.audit;
        this.escalation = b.escalation;
        this.clock = b.clock;
    }

    /** A builder; policy, health score, control and clock are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the score once and moves the level if the policy says so.
     *
     * @return the level after the tick
     */
    public DegradationLevel tick() {
        lock.lock();
        try {
            Instant now = clock.instant();
            double score = health.score();
            DegradationLevel current = control.degradation();
            if (owned != null && owned != current) {
                owned = null;
                aboveSince = null;
            }
            DegradationLevel wanted = policy.levelFor(score);
            DegradationLevel target = wanted.isWorseThan(policy.maxLevel()) ? policy.maxLevel() : wanted;
            if (wanted != target && !capEscalated) {
                capEscalated = true;
                String why = "health score " + round(score) + " calls for " + name(wanted) + ", past "
                        + name(target) + ", the worst level automatic degradation may set: a person decides";
                audit.record(new AuditEntry(now, IncidentTracker.SELF, "degradation.capped", "", RUN_ID, why,
                        Map.of("score", Double.toString(round(score)), "wanted", wanted.name(), "max", target.name())));
                if (flags.mode() != AutomationMode.SHADOW) {
                    escalate(why);
                }
            } else if (wanted == target) {
                capEscalated = false;
            }
            if (target.isWorseThan(current)) {
                aboveSince = null;
                String why = "health score " + round(score) + " is below " + policy.threshold(target)
                        .map(DegradationThreshold::below).orElseThrow() + " (" + name(target) + ")";
                move(current, target, "step-down", why, score, now);
                return control.degradation();
            }
            if (current == DegradationLevel.FULL || owned != current) {
                aboveSince = null;
                return current;
            }
            DegradationThreshold at = policy.threshold(current).orElseThrow();
            if (!(score > at.recoverAbove())) {
                aboveSince = null;
                return current;
            }
            if (aboveSince == null) {
                aboveSince = now;
            }
            Duration held = Duration.between(aboveSince, now);
            if (held.compareTo(policy.hold()) >= 0) {
                DegradationLevel up = policy.stepUp(current);
                if (move(current, up, "step-up", "health score " + round(score) + " stayed above "
                        + at.recoverAbove() + " for " + held + " (hold " + policy.hold() + ")", score, now)) {
                    aboveSince = now;
                }
            }
            return control.degradation();
        } finally {
            lock.unlock();
        }
    }

    /** The policy in use. */
    public DegradationPolicy policy() {
        return policy;
    }

    /** Moves from {@code from} to {@code to} through the action, unless the flags hold it; true if it moved. */
    private boolean move(DegradationLevel from, DegradationLevel to, String step, String why, double score, Instant now) {
        Map<String, String> params = Map.of("level", to.name().toLowerCase(Locale.ROOT));
        RiskLevel risk = action.risk(params);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("score", Double.toString(round(score)));
        evidence.put("from", from.name());
        evidence.put("to", to.name());
        evidence.put("action", action.name());
        evidence.put("risk", risk.name());
        evidence.put("service", policy.service());
        String forbidden = flags.forbids(policy.service(), action.name(), risk);
        AutomationMode mode = flags.mode();
        if (forbidden.isEmpty() && mode == AutomationMode.LIMITED && risk != RiskLevel.LOW) {
            forbidden = "limited mode runs low-risk actions only; " + action.name() + " is " + risk;
        }
        if (!forbidden.isEmpty()) {
            held("degradation.held", why + "; not acting: " + forbidden, to, evidence, now);
            return false;
        }
        if (mode == AutomationMode.SHADOW || mode == AutomationMode.MONITOR) {
            held("degradation.shadowed", mode + " mode: would move " + name(from) + " -> " + name(to) + ": " + why, to,
                    evidence, now);
            return false;
        }
        changes++;
        ActionRequest request = new ActionRequest("", RUN_ID, step, changes, policy.service(), params, CallContext.DEFAULT);
        evidence.put("key", request.key());
        try {
            ActionResult result = action.run(request);
            owned = to;
            lastHeld = "";
            audit.record(new AuditEntry(now, IncidentTracker.SELF, "degradation.stepped-" + (step.equals("step-up")
                    ? "up" : "down"), "", RUN_ID, why + ": " + result.detail(), evidence));
            return true;
        } catch (RuntimeException e) {
            held("degradation.failed", why + "; " + action.name() + " failed: " + e.getMessage(), to, evidence, now);
            escalate("automatic degradation to " + name(to) + " failed: " + e.getMessage());
            return false;
        }
    }

    private void held(String decision, String why, DegradationLevel to, Map<String, String> evidence, Instant now) {
        String key = decision + "|" + to;
        if (!key.equals(lastHeld)) {
            lastHeld = key;
            audit.record(new AuditEntry(now, IncidentTracker.SELF, decision, "", RUN_ID, why, evidence));
        }
    }

    private void escalate(String message) {
        escalation.escalate(new EscalationNotice(EscalationNotice.Kind.HELD, RUN_ID, policy.service(), Severity.HIGH, message));
    }

    private static String name(DegradationLevel level) {
        return level.name().toLowerCase(Locale.ROOT);
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }

    /** Builds an {@link AutoDegradation}. Not thread-safe. */
    public static final class Builder {
        private DegradationPolicy policy;
        private HealthScore health;
        private KernelControl control;
        private Clock clock;
        private RecoveryFlags flags = new RecoveryFlags();
        private RecoveryAudit audit = entry -> { };
        private EscalationSink escalation = notice -> { };

        private Builder() {
        }

        /** The levels, thresholds and hold (required). */
        public Builder policy(DegradationPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The score read on each tick (required), e.g. a {@link HealthScoreboard}. */
        public Builder health(HealthScore health) {
            this.health = Objects.requireNonNull(health, "health");
            return this;
        }

        /** Where the level is read and set (required); it must control a degradation. */
        public Builder control(KernelControl control) {
            this.control = Objects.requireNonNull(control, "control");
            return this;
        }

        /** The clock holds are measured on (required). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The flags and automation mode (default: new flags, full mode); share the orchestrator's. */
        public Builder flags(RecoveryFlags flags) {
            this.flags = Objects.requireNonNull(flags, "flags");
            return this;
        }

        /** Where every decision goes (default: nowhere). */
        public Builder audit(RecoveryAudit audit) {
            this.audit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        /** Who hears of a capped or failed degradation (default: nobody). */
        public Builder escalation(EscalationSink escalation) {
            this.escalation = Objects.requireNonNull(escalation, "escalation");
            return this;
        }

        /**
         * The automatic degradation.
         *
         * @throws IllegalStateException if a required part is missing
         */
        public AutoDegradation build() {
            if (policy == null || health == null || control == null || clock == null) {
                throw new IllegalStateException("policy, health, control and clock are required");
            }
            return new AutoDegradation(this);
        }
    }
}
