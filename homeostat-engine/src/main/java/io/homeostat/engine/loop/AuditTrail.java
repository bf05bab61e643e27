package io.homeostat.engine.loop;

import io.homeostat.engine.execute.AuditEntry;
import io.homeostat.engine.execute.RecoveryAudit;
import io.homeostat.engine.learn.threshold.ThresholdAudit;
import io.homeostat.engine.learn.threshold.ThresholdChange;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.engine.port.IntegrityOutcome;
import io.homeostat.engine.port.UserImpact;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The audit hooks of recovery ({@link RecoveryAudit}) and of threshold learning
 * ({@link ThresholdAudit}) onto the {@link AuditLog} port.
 *
 * <p>A recovery {@link AuditEntry} becomes a record with the entry's actor, the decision prefixed
 * {@code recovery.} as action, the incident as target ({@code incident:<id>}), the reason, and as
 * evidence the entry's evidence plus {@code incidentId} and {@code runId}. Where the evidence names
 * a workflow, the record carries that workflow's call context. Three evidence keys, when an entry
 * has them, fill the record's outcome: {@value #NOTIFIED} (comma-separated people or channels told),
 * {@value #IMPACT} (a {@link UserImpact} name) and {@value #INTEGRITY} (an {@link IntegrityOutcome}
 * name); absent, nobody is named, users felt nothing and nothing was checked (the orchestrator
 * does not know; {@link EscalationRules} names who its escalations reached).
 * A threshold change becomes {@code threshold.changed} on target {@code threshold:<rule>} with the
 * old and new threshold in the evidence.
 *
 * <p>The record id is a name-based UUID of the entry's content, so the same decision appended
 * twice (a replay) is one record. Thread-safe if the log is; an append that throws propagates
 * (the orchestrator counts it; the threshold adapter then does not change the threshold).
 */
public final class AuditTrail implements RecoveryAudit, ThresholdAudit {

    /** Evidence key: who was told, comma-separated. */
    public static final String NOTIFIED = "notified";
    /** Evidence key: what users felt, a {@link UserImpact} name. */
    public static final String IMPACT = "userImpact";
    /** Evidence key: the integrity check's outcome, an {@link IntegrityOutcome} name. */
    public static final String INTEGRITY = "integrity";

    private final AuditLog log;
    private final Function<String, Optional<Workflow>> workflows;

    private AuditTrail(AuditLog log, Function<String, Optional<Workflow>> workflows) {
        this.log = log;
        this.workflows = workflows;
    }

    /**
     * A trail onto {@code log}; {@code workflows} finds a workflow by name for its call context
     * (e.g. {@code WorkflowCatalog::find}).
     *
     * @throws NullPointerException if an argument is null
     */
    public static AuditTrail to(AuditLog log, Function<String, Optional<Workflow>> workflows) {
        return new AuditTrail(Objects.requireNonNull(log, "log"), Objects.requireNonNull(workflows, "workflows"));
    }

    @Override
    public void record(AuditEntry entry) {
        log.append(toRecord(entry));
    }

    @Override
    public void changed(ThresholdChange change) {
        Map<String, String> evidence = new HashMap<>(change.evidence());
        evidence.put("oldThreshold", Double.toString(change.oldThreshold()));
        evidence.put("newThreshold", Double.toString(change.newThreshold()));
        evidence.put("metric", change.after().metric());
        evidence.put("service", change.after().service());
        String target = "threshold:" + change.after().name();
        log.append(AuditRecord.of(id(change.time().toString(), "threshold.changed", target, change.reason(), evidence),
                change.time(), "learner", "threshold.changed", target, change.reason(), evidence));
    }

    /** The record {@code entry} becomes. */
    public AuditRecord toRecord(AuditEntry entry) {
        Map<String, String> evidence = new HashMap<>(entry.evidence());
        evidence.put("incidentId", entry.incidentId());
        if (!entry.runId().isEmpty()) {
            evidence.put("runId", entry.runId());
        }
        String action = "recovery." + entry.decision();
        String target = entry.incidentId().isEmpty() ? "recovery" : "incident:" + entry.incidentId();
        AuditRecord record = AuditRecord.of(id(entry.time().toString(), action, target, entry.reason(), evidence),
                entry.time(), entry.actor(), action, target, entry.reason(), evidence);
        Optional<Workflow> workflow = Optional.ofNullable(entry.evidence().get("workflow")).flatMap(workflows);
        if (workflow.isPresent()) {
            record = record.withCallContext(workflow.get().context());
        }
        List<String> notified = Optional.ofNullable(entry.evidence().get(NOTIFIED))
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList())
                .orElse(List.of());
        UserImpact impact = parse(entry.evidence().get(IMPACT), UserImpact.class, UserImpact.NONE);
        IntegrityOutcome integrity = parse(entry.evidence().get(INTEGRITY), IntegrityOutcome.class,
                IntegrityOutcome.NOT_CHECKED);
        return record.withOutcome(integrity, notified, impact);
    }

    private static <E extends Enum<E>> E parse(String value, Class<E> type, E absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return absent;
        }
    }

    private static String id(String time, String action, String target, String reason, Map<String, String> evidence) {
        String content = time + '\u0000' + action + '\u0000' + target + '\u0000' + reason + '\u0000'
                + new TreeMap<>(evidence);
        return UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
