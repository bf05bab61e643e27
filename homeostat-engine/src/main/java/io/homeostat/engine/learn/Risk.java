package io.homeostat.engine.learn;

/**
 * How much harm a recovery action can do if it is wrong, as the learner sees it. The planner maps
 * its catalog's risk levels onto these; only {@link #LOW} actions are ever explored.
 */
public enum Risk {
    /** Safe to run automatically and to try out: re-probe, clear a cache, alert. */
    LOW,
    /** Runs automatically under daily caps: failover, reset a pool, scale. */
    MEDIUM,
    /** Needs a person's approval: restart, run a command. */
    HIGH
}
