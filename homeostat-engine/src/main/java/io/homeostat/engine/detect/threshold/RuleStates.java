package io.homeostat.engine.detect.threshold;

import java.util.Arrays;

/**
 * Where each rule that watches one series stands: idle, pending since a time, or firing. Fixed size
 * (the rules matching the series), so the state of a series is bounded. Not thread-safe.
 */
final class RuleStates {

    static final long NOT_PENDING = Long.MIN_VALUE;
    static final RuleStates NONE = new RuleStates(new int[0]);

    final int[] rules;
    final long[] since;
    final boolean[] firing;
    final double[] worst;

    RuleStates(int[] rules) {
        this.rules = rules;
        this.since = new long[rules.length];
        this.firing = new boolean[rules.length];
        this.worst = new double[rules.length];
        Arrays.fill(since, NOT_PENDING);
    }

    /** True while a rule fires on this series: it must not be forgotten. */
    boolean anyFiring() {
        for (boolean f : firing) {
            if (f) {
                return true;
            }
        }
        return false;
    }
}
