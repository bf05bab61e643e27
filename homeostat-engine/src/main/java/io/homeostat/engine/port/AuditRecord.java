package io.homeostat.engine.port;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the audit trail: who or what did what to which target, why, and on which evidence.
 * Immutable and thread-safe.
 *
 * <p>The call context is optional: a record about a guarded call carries its operation type and
 * criticality; a record about, say, an operator's reset carries neither. Absent, both are
 * {@link Optional#empty()} from {@link #operationType()} and {@link #criticality()}; construct
 * such records with {@link #of} and add a context with {@link #withCallContext(CallContext)}.
 *
 * @param id unique per record; appending a record whose id is already in the log is a no-op
 * @param time when it happened (wall time of the injected clock)
 * @param actor who or what acted, e.g. {@code planner}, {@code operator:alice}
 * @param action what was done, e.g. {@code breaker.force_open}, {@code workflow.start}
 * @param target what it was done to, e.g. {@code llm:openai}
 * @param reason why, in words; may be empty
 * @param evidence what the decision rested on (observed values, detection ids); never null
 * @param callOperationType the call's operation type, or null for none (use {@link #of})
 * @param callCriticality the call's criticality, or null for none (use {@link #of})
 * @param integrity the data-integrity validation outcome
 * @param notified who was told (people, channels); never null
 * @param impact what users felt
 */
public record AuditRecord(
        String id,
        Instant time,
        String actor,
        String action,
        String target,
        String reason,
        Map<String, String> evidence,
        OperationType callOperationType,
        Criticality callCriticality,
        IntegrityOutcome integrity,
        List<String> notified,
        UserImpact impact) {

    /**
     * Validates the record.
     *
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if id, actor, action or target is blank, or only one of
     *     the call's operation type and criticality is given
     */
    public AuditRecord {
        requireText(id, "id");
        Objects.requireNonNull(time, "time");
        requireText(actor, "actor");
        requireText(action, "action");
        requireText(target, "target");
        Objects.requireNonNull(reason, "reason");
        evidence = evidence == null || evidence.isEmpty() ? Map.of() : Map.copyOf(evidence);
        if ((callOperationType == null) != (callCriticality == null)) {
            throw new IllegalArgumentException("a call context needs both operation type and criticality");
        }
        Objects.requireNonNull(integrity, "integrity");
        notified = notified == null || notified.isEmpty() ? List.of() : List.copyOf(notified);
        Objects.requireNonNull(impact, "impact");
    }

    /**
     * A record without a call context, nothing validated, nobody notified and no user impact;
     * refine it with the {@code with..} methods.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if id, actor, action or target is blank
     */
    public static AuditRecord of(
            String id, Instant time, String actor, String action, String target, String reason,
            Map<String, String> evidence) {
        return new AuditRecord(id, time, actor, action, target, reason, evidence, null, null,
                IntegrityOutcome.NOT_CHECKED, List.of(), UserImpact.NONE);
    }

    /** This record with the operation type and criticality of {@code context}. */
    public AuditRecord withCallContext(CallContext context) {
        return new AuditRecord(id, time, actor, action, target, reason, evidence,
                context.operationType(), context.criticality(), integrity, notified, impact);
    }

    /** This record with an integrity outcome, the people told, and the user impact. */
    public AuditRecord withOutcome(IntegrityOutcome integrity, List<String> notified, UserImpact impact) {
        return new AuditRecord(id, time, actor, action, target, reason, evidence,
                callOperationType, callCriticality, integrity, notified, impact);
    }

    /** The call's operation type, if the record is about a call. */
    public Optional<OperationType> operationType() {
        return Optional.ofNullable(callOperationType);
    }

    /** The call's criticality, if the record is about a call. */
    public Optional<Criticality> criticality() {
        return Optional.ofNullable(callCriticality);
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
