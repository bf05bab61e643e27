package io.homeostat.core.safety;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import io.homeostat.core.fallback.TierKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Decides which tiers may serve a call, from the call's {@link CallContext}, before any fallback
 * tier runs. A policy is a list of {@link SafetyRule}s, which are data; what no rule covers is
 * allowed. A {@link SafetyRule.Effect#DENY} rule wins over an integrity rule; among rules of one
 * effect the first added decides.
 *
 * <p>{@link #defaults()} holds the three {@link #DEFAULT_RULES}. {@link #builder()} starts from
 * them and can only add rules: a policy loses a default rule only when it is deliberately built
 * from scratch with {@link #builderWithoutDefaults()}.
 *
 * <p>Every decision of {@link #evaluate} is counted per rule ({@link #decisions()}); listeners
 * are attached where decisions are taken (e.g. {@code Fallback.Builder.onDecision}).
 *
 * <p>Thread-safe: the rules are fixed when the policy is built, so evaluating is a table look-up
 * and a counter increment. Instances are created only by the factories here.
 */
public final class SafetyPolicy {

    /** The rule name of a decision no rule covered (always an allow). */
    public static final String NO_RULE = "no-rule";

    /** Prescriptive calls never get cached data. */
    public static final SafetyRule PRESCRIPTIVE_NO_CACHED_DATA = SafetyRule
            .deny("prescriptive-no-cached-data", "prescriptive calls never get cached data")
            .forOperations(OperationType.PRESCRIPTIVE)
            .forTiers(TierKind.CACHED);

    /** Life-critical calls get no fallback at all; they fail explicitly with guidance. */
    public static final SafetyRule LIFE_CRITICAL_NO_FALLBACK = SafetyRule
            .deny("life-critical-no-fallback", "life-critical calls get no fallback; they fail explicitly with guidance")
            .forCriticalities(Criticality.LIFE_CRITICAL);

    /** Every result of a diagnostic call, the primary's included, must pass an integrity check. */
    public static final SafetyRule DIAGNOSTIC_INTEGRITY_CHECK = SafetyRule
            .requireIntegrityCheck("diagnostic-integrity-check", "diagnostic results must pass an integrity check")
            .forOperations(OperationType.DIAGNOSTIC);

    /** The rules of {@link #defaults()} and {@link #builder()}, in order. */
    public static final List<SafetyRule> DEFAULT_RULES =
            List.of(PRESCRIPTIVE_NO_CACHED_DATA, LIFE_CRITICAL_NO_FALLBACK, DIAGNOSTIC_INTEGRITY_CHECK);

    private static final int KINDS = TierKind.values().length;
    private static final int CRITICALITIES = Criticality.values().length;
    private static final int NONE = -1;

    private final List<SafetyRule> rules;
    /** Per (operation, criticality, tier kind): index of the deciding deny rule, or NONE. */
    private final int[] denyingRule;
    /** Per (operation, criticality, tier kind): index of the deciding integrity rule, or NONE. */
    private final int[] requiringRule;
    /** Per rule index, then NO_RULE last: [2i] allowed, [2i + 1] denied. */
    private final AtomicLongArray counts;

    private SafetyPolicy(List<SafetyRule> rules) {
        this.rules = List.copyOf(rules);
        int cells = OperationType.values().length * CRITICALITIES * KINDS;
        this.denyingRule = new int[cells];
        this.requiringRule = new int[cells];
        Arrays.fill(denyingRule, NONE);
        Arrays.fill(requiringRule, NONE);
        for (OperationType operation : OperationType.values()) {
            for (Criticality criticality : Criticality.values()) {
                CallContext probe = CallContext.of(operation, criticality);
                for (TierKind kind : TierKind.values()) {
                    int cell = cell(operation, criticality, kind);
                    for (int i = this.rules.size() - 1; i >= 0; i--) {
                        SafetyRule rule = this.rules.get(i);
                        if (rule.covers(probe, kind)) {
                            int[] table = rule.effect() == SafetyRule.Effect.DENY ? denyingRule : requiringRule;
                            table[cell] = i;
                        }
                    }
                }
            }
        }
        this.counts = new AtomicLongArray(2 * (this.rules.size() + 1));
    }

    /** A new policy with the {@link #DEFAULT_RULES} and its own decision counts. */
    public static SafetyPolicy defaults() {
        return new SafetyPolicy(DEFAULT_RULES);
    }

    /** A builder holding the {@link #DEFAULT_RULES}; add rules to it, it cannot drop them. */
    public static Builder builder() {
        return new Builder(DEFAULT_RULES);
    }

    /**
     * A builder holding no rule at all, for a policy built from scratch. Built empty, the policy
     * allows everything: prescriptive calls may get cached data and life-critical calls may get
     * fallbacks. Add {@link #DEFAULT_RULES} you keep explicitly.
     */
    public static Builder builderWithoutDefaults() {
        return new Builder(List.of());
    }

    /** The rules, in the order they were added. */
    public List<SafetyRule> rules() {
        return rules;
    }

    /**
     * Decides whether a tier <em>without</em> an integrity check may serve a call; the same as
     * {@code evaluate(context, tier, tierName, false)}. Counted.
     *
     * @throws NullPointerException if an argument is null
     */
    public SafetyDecision evaluate(CallContext context, TierKind tier, String tierName) {
        return evaluate(context, tier, tierName, false);
    }

    /**
     * Decides whether a tier may serve a call: denied if a deny rule covers it, or if an
     * integrity rule covers it and {@code integrityChecked} is false; allowed otherwise. The
     * decision is counted under the rule that took it ({@link #NO_RULE} if none covered the tier).
     *
     * @param integrityChecked whether the tier's results pass through an integrity check
     * @throws NullPointerException if an argument is null
     */
    public SafetyDecision evaluate(CallContext context, TierKind tier, String tierName, boolean integrityChecked) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(tierName, "tierName");
        int cell = cell(context.operationType(), context.criticality(), tier);
        int deny = denyingRule[cell];
        if (deny != NONE) {
            SafetyRule rule = rules.get(deny);
            return count(deny, new SafetyDecision(context, tier, tierName, false, false, rule.name(), rule.reason()));
        }
        int require = requiringRule[cell];
        if (require != NONE) {
            SafetyRule rule = rules.get(require);
            String reason = integrityChecked
                    ? rule.reason() + "; tier '" + tierName + "' has an integrity check"
                    : rule.reason() + "; tier '" + tierName + "' has no integrity check";
            return count(require, new SafetyDecision(context, tier, tierName, integrityChecked, true, rule.name(), reason));
        }
        return count(rules.size(), new SafetyDecision(context, tier, tierName, true, false, NO_RULE, "no rule covers this tier"));
    }

    /**
     * Decides, without building a decision, whether {@code tier} may serve a call that no rule
     * covers for it: if neither a deny nor an integrity rule covers the tier for calls like
     * {@code context}, the allow is counted under {@link #NO_RULE} exactly as {@link #evaluate}
     * would count it, and the answer is true; otherwise nothing is counted and the answer is
     * false (the caller then asks {@link #evaluate}). Allocation-free: for fast paths that have no
     * listener to hand a decision to.
     *
     * @throws NullPointerException if an argument is null
     */
    public boolean allowsUncovered(CallContext context, TierKind tier) {
        int cell = cell(context.operationType(), context.criticality(), tier);
        if (denyingRule[cell] != NONE || requiringRule[cell] != NONE) {
            return false;
        }
        counts.incrementAndGet(2 * rules.size());
        return true;
    }

    /**
     * Whether a deny rule covers {@code tier} for calls like {@code context}: a quiet question,
     * neither a decision nor counted (e.g. to skip caching results that may never be served).
     *
     * @throws NullPointerException if an argument is null
     */
    public boolean forbids(CallContext context, TierKind tier) {
        return denyingRule[cell(context.operationType(), context.criticality(), tier)] != NONE;
    }

    /**
     * Whether an integrity rule covers {@code tier} for calls like {@code context}. Quiet, like
     * {@link #forbids}.
     *
     * @throws NullPointerException if an argument is null
     */
    public boolean requiresIntegrityCheck(CallContext context, TierKind tier) {
        return requiringRule[cell(context.operationType(), context.criticality(), tier)] != NONE;
    }

    /**
     * Whether an integrity rule covers any tier for calls like {@code context} (with the defaults:
     * whether the call is diagnostic). Quiet, like {@link #forbids}.
     *
     * @throws NullPointerException if {@code context} is null
     */
    public boolean requiresIntegrityCheck(CallContext context) {
        for (TierKind kind : TierKind.values()) {
            if (requiresIntegrityCheck(context, kind)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A snapshot of the decisions taken so far, per rule name in rule order, then
     * {@link #NO_RULE}. Every rule is listed, with zero counts if it never decided.
     */
    public Map<String, DecisionCount> decisions() {
        Map<String, DecisionCount> snapshot = new LinkedHashMap<>();
        for (int i = 0; i <= rules.size(); i++) {
            String name = i < rules.size() ? rules.get(i).name() : NO_RULE;
            snapshot.put(name, new DecisionCount(counts.get(2 * i), counts.get(2 * i + 1)));
        }
        return Collections.unmodifiableMap(snapshot);
    }

    @Override
    public String toString() {
        return "SafetyPolicy" + rules.stream().map(SafetyRule::name).toList();
    }

    private SafetyDecision count(int ruleIndex, SafetyDecision decision) {
        counts.incrementAndGet(2 * ruleIndex + (decision.allowed() ? 0 : 1));
        return decision;
    }

    private static int cell(OperationType operation, Criticality criticality, TierKind kind) {
        return (operation.ordinal() * CRITICALITIES + criticality.ordinal()) * KINDS + kind.ordinal();
    }

    /**
     * Collects the rules of a policy. Not thread-safe; build once, share the policy.
     */
    public static final class Builder {

        private final List<SafetyRule> rules;
        private final Set<String> names = new HashSet<>();

        private Builder(List<SafetyRule> start) {
            this.rules = new ArrayList<>();
            start.forEach(this::rule);
        }

        /**
         * Adds {@code rule} after the rules already held.
         *
         * @throws NullPointerException if {@code rule} is null
         * @throws IllegalArgumentException if a rule of that name is already held, or the name is
         *     {@link #NO_RULE}
         */
        public Builder rule(SafetyRule rule) {
            Objects.requireNonNull(rule, "rule");
            if (NO_RULE.equals(rule.name())) {
                throw new IllegalArgumentException("rule name '" + NO_RULE + "' is reserved");
            }
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("the policy already has a rule named '" + rule.name() + "'");
            }
            rules.add(rule);
            return this;
        }

        /** A policy with the rules held, with its own decision counts. */
        public SafetyPolicy build() {
            return new SafetyPolicy(rules);
        }
    }
}
