package io.homeostat.server.api;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.server.auth.Principal;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes operator actions taken through the API to the audit trail, with the token as actor
 * ({@code token:<name>}) and the action named {@code api.<what>}, e.g. {@code api.circuit.reset}.
 * Thread-safe.
 */
public final class Auditor {

    /** The actor of {@link #recordSystem}: {@value}. */
    public static final String SYSTEM = "system";

    private final AuditLog log;
    private final Clock clock;

    public Auditor(AuditLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Appends one record for an action {@code principal} took on {@code target}. */
    public void record(Principal principal, String action, String target, String reason, Map<String, String> evidence) {
        log.append(AuditRecord.of(UUID.randomUUID().toString(), clock.instant(), principal.actor(), "api." + action,
                target, reason, evidence));
    }

    /**
     * Appends one record of something the server did by itself (no token), with the actor
     * {@value #SYSTEM} and {@code action} as given, e.g. {@code alert.silence.expired}.
     */
    public void recordSystem(String action, String target, String reason, Map<String, String> evidence) {
        log.append(AuditRecord.of(UUID.randomUUID().toString(), clock.instant(), SYSTEM, action, target, reason, evidence));
    }

    /** The log itself, for queries. */
    public AuditLog log() {
        return log;
    }
}
