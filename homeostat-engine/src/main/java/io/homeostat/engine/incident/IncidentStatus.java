package io.homeostat.engine.incident;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an incident is in its lifecycle: {@code OPEN -> DIAGNOSED -> REMEDIATING -> RESOLVED |
 * ESCALATED}. Every state but {@link #RESOLVED} is <em>active</em>: new detections with the
 * incident's fingerprints still join it.
 *
 * <p>The legal moves ({@link #canMoveTo}):
 * <ul>
 *   <li>{@code OPEN -> DIAGNOSED | ESCALATED | RESOLVED}</li>
 *   <li>{@code DIAGNOSED -> REMEDIATING | ESCALATED | RESOLVED}</li>
 *   <li>{@code REMEDIATING -> DIAGNOSED} (the remedy failed, diagnose again)
 *       {@code | ESCALATED | RESOLVED}</li>
 *   <li>{@code ESCALATED -> REMEDIATING} (a person approved a remedy) {@code | RESOLVED}</li>
 *   <li>{@code RESOLVED} is final.</li>
 * </ul>
 */
public enum IncidentStatus {
    OPEN,
    DIAGNOSED,
    REMEDIATING,
    RESOLVED,
    ESCALATED;

    /** True for every state but {@link #RESOLVED}. */
    public boolean active() {
        return this != RESOLVED;
    }

    /** True if an incident in this state may move to {@code next}; never to the same state. */
    public boolean canMoveTo(IncidentStatus next) {
        return successors().contains(next);
    }

    /** The states this one may move to; empty for {@link #RESOLVED}. */
    public Set<IncidentStatus> successors() {
        return switch (this) {
            case OPEN -> EnumSet.of(DIAGNOSED, ESCALATED, RESOLVED);
            case DIAGNOSED -> EnumSet.of(REMEDIATING, ESCALATED, RESOLVED);
            case REMEDIATING -> EnumSet.of(DIAGNOSED, ESCALATED, RESOLVED);
            case ESCALATED -> EnumSet.of(REMEDIATING, RESOLVED);
            case RESOLVED -> EnumSet.noneOf(IncidentStatus.class);
        };
    }
}
