package io.homeostat.engine.execute;

/**
 * How healthy the system (or one service) is now, as one number for automatic degradation:
 * 1 when everything is healthy, 0 when nothing is. {@link HealthScoreboard} scores the health
 * checks and resource readings on the signal bus; an application may fold in more. Implementations
 * must be thread-safe and quick.
 */
@FunctionalInterface
public interface HealthScore {

    /** The score now, in [0, 1]. */
    double score();
}
