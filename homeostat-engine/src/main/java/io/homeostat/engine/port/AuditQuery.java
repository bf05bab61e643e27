package io.homeostat.engine.port;

import java.time.Instant;
import java.util.Objects;

/**
 * Which audit records to return: those whose time is in {@code [from, to)}, optionally only one
 * actor's, one action's or one target's, at most {@code limit}, oldest first. Immutable.
 *
 * <p>A filter that is the empty string matches everything. Start with {@link #between} and narrow
 * with {@link #actor}, {@link #action}, {@link #target} and {@link #limit}.
 *
 * @param from inclusive lower bound of the time
 * @param to exclusive upper bound of the time
 * @param actor only this actor, or empty for any
 * @param action only this action, or empty for any
 * @param target only this target, or empty for any
 * @param limit the most records returned; {@link #DEFAULT_LIMIT} unless set
 */
public record AuditQuery(Instant from, Instant to, String actor, String action, String target, int limit) {

    /** The limit a query has unless one is set: 1,000. */
    public static final int DEFAULT_LIMIT = 1_000;

    /**
     * Validates the query.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code to} is before {@code from} or {@code limit} is not positive
     */
    public AuditQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") must not be before from (" + from + ")");
        }
        Objects.requireNonNull(actor, "actor (use the empty string for any)");
        Objects.requireNonNull(action, "action (use the empty string for any)");
        Objects.requireNonNull(target, "target (use the empty string for any)");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }

    /** Every record in {@code [from, to)}, up to {@link #DEFAULT_LIMIT}. */
    public static AuditQuery between(Instant from, Instant to) {
        return new AuditQuery(from, to, "", "", "", DEFAULT_LIMIT);
    }

    /** This query narrowed to one actor. */
    public AuditQuery actor(String actor) {
        return new AuditQuery(from, to, actor, action, target, limit);
    }

    /** This query narrowed to one action. */
    public AuditQuery action(String action) {
        return new AuditQuery(from, to, actor, action, target, limit);
    }

    /** This query narrowed to one target. */
    public AuditQuery target(String target) {
        return new AuditQuery(from, to, actor, action, target, limit);
    }

    /** This query returning at most {@code limit} records. */
    public AuditQuery limit(int limit) {
        return new AuditQuery(from, to, actor, action, target, limit);
    }

    /** Whether {@code record} matches the time range and the filters (the limit aside). */
    public boolean matches(AuditRecord record) {
        return !record.time().isBefore(from)
                && record.time().isBefore(to)
                && (actor.isEmpty() || actor.equals(record.actor()))
                && (action.isEmpty() || action.equals(record.action()))
                && (target.isEmpty() || target.equals(record.target()));
    }
}
