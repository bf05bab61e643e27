package io.homeostat.engine.execute;

/**
 * The audit hook every recovery decision goes to. An adapter to the {@code AuditLog} port
 * implements it in the product. Implementations must be thread-safe; one that throws is counted by
 * the orchestrator, which carries on.
 */
@FunctionalInterface
public interface RecoveryAudit {

    /** Records one decision. */
    void record(AuditEntry entry);
}
