package io.homeostat.core.safety;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import io.homeostat.core.fallback.TierKind;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One rule of a {@link SafetyPolicy}, as data: which calls it covers (operation types and
 * criticalities), which tiers it covers, and what it does to them. Start from
 * {@link #deny(String, String)} or {@link #requireIntegrityCheck(String, String)} (which cover
 * everything they can) and narrow with {@link #forOperations}, {@link #forCriticalities} and
 * {@link #forTiers}:
 *
 * <pre>{@code
 * SafetyRule.deny("no-static-for-high", "high-criticality calls get no canned answer")
 *         .forCriticalities(Criticality.HIGH)
 *         .forTiers(TierKind.STATIC);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the rule's name, unique in its policy; decisions and counts name it
 * @param effect what the rule does to the tiers it covers
 * @param operations the operation types it covers, not empty
 * @param criticalities the criticalities it covers, not empty
 * @param tiers the tier kinds it covers, not empty
 * @param reason why the rule exists, in words people read in the audit trail
 */
public record SafetyRule(
        String name,
        Effect effect,
        Set<OperationType> operations,
        Set<Criticality> criticalities,
        Set<TierKind> tiers,
        String reason) {

    /** What a rule does to the tiers it covers. */
    public enum Effect {
        /** The tier may not serve; it is never invoked. Cannot cover {@link TierKind#PRIMARY}. */
        DENY,
        /** The tier may serve only a result that passed an integrity check; a tier without one is denied. */
        REQUIRE_INTEGRITY_CHECK
    }

    /**
     * Validates the rule.
     *
     * @throws NullPointerException if a component or set element is null
     * @throws IllegalArgumentException if {@code name} or {@code reason} is blank, a set is
     *     empty, or a {@link Effect#DENY} rule covers {@link TierKind#PRIMARY} (the primary call
     *     has already been made when the policy is asked; reject its result with an integrity
     *     rule instead)
     */
    public SafetyRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(reason, "reason");
        operations = Set.copyOf(operations);
        criticalities = Set.copyOf(criticalities);
        tiers = Set.copyOf(tiers);
        if (name.isBlank() || reason.isBlank()) {
            throw new IllegalArgumentException("a safety rule needs a name and a reason");
        }
        if (operations.isEmpty() || criticalities.isEmpty() || tiers.isEmpty()) {
            throw new IllegalArgumentException("rule '" + name + "' covers nothing: operations, criticalities and tiers must not be empty");
        }
        if (effect == Effect.DENY && tiers.contains(TierKind.PRIMARY)) {
            throw new IllegalArgumentException("rule '" + name + "' denies the PRIMARY tier; use an integrity rule to reject primary results");
        }
    }

    /**
     * A rule denying every fallback tier (every kind but {@link TierKind#PRIMARY}) to every call;
     * narrow it with the {@code for..} methods.
     *
     * @throws IllegalArgumentException if {@code name} or {@code reason} is blank
     */
    public static SafetyRule deny(String name, String reason) {
        return new SafetyRule(name, Effect.DENY, EnumSet.allOf(OperationType.class), EnumSet.allOf(Criticality.class),
                EnumSet.complementOf(EnumSet.of(TierKind.PRIMARY)), reason);
    }

    /**
     * A rule requiring an integrity check on every tier, the primary included, for every call;
     * narrow it with the {@code for..} methods.
     *
     * @throws IllegalArgumentException if {@code name} or {@code reason} is blank
     */
    public static SafetyRule requireIntegrityCheck(String name, String reason) {
        return new SafetyRule(name, Effect.REQUIRE_INTEGRITY_CHECK, EnumSet.allOf(OperationType.class),
                EnumSet.allOf(Criticality.class), EnumSet.allOf(TierKind.class), reason);
    }

    /** This rule, covering only calls of the given operation types. */
    public SafetyRule forOperations(OperationType first, OperationType... more) {
        return new SafetyRule(name, effect, EnumSet.of(first, more), criticalities, tiers, reason);
    }

    /** This rule, covering only calls of the given criticalities. */
    public SafetyRule forCriticalities(Criticality first, Criticality... more) {
        return new SafetyRule(name, effect, operations, EnumSet.of(first, more), tiers, reason);
    }

    /**
     * This rule, covering only the given tier kinds.
     *
     * @throws IllegalArgumentException if a deny rule would cover {@link TierKind#PRIMARY}
     */
    public SafetyRule forTiers(TierKind first, TierKind... more) {
        return new SafetyRule(name, effect, operations, criticalities, EnumSet.of(first, more), reason);
    }

    /** Whether the rule covers {@code tier} for a call in {@code context}. */
    public boolean covers(CallContext context, TierKind tier) {
        return operations.contains(context.operationType())
                && criticalities.contains(context.criticality())
                && tiers.contains(tier);
    }
}
