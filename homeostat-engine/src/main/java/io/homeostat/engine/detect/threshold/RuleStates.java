package io.homeostat.engine.detect.threshold;

/**
 * Where each rule that watches one series stands: idle, pending since a time, or firing, with the
 * worst value since the breach began. Fixed size (the rules matching the series): one array of
 * three longs per rule (since, worst as raw double bits, firing), so the state of a series is
 * bounded and small. Not thread-safe.
 */
final class RuleStates {

    static final long NOT_PENDING = Long.MIN_VALUE;
    static final RuleStates NONE = new RuleStates(new int[0]);

    private static final int SINCE = 0;
    private static final int WORST = 1;
    private static final int FIRING = 2;
    private static final int STRIDE = 3;

    /** The indices of the matching rules; shared by the series that match the same rules, never written. */
    final int[] rules;
    private final long[] state;

    RuleStates(int[] rules) {
        this.rules = rules;
        this.state = new long[STRIDE * rules.length];
        for (int i = 0; i < rules.length; i++) {
            state[STRIDE * i + SINCE] = NOT_PENDING;
        }
    }

    long since(int i) {
        return state[STRIDE * i + SINCE];
    }

    void since(int i, long timeMillis) {
        state[STRIDE * i + SINCE] = timeMillis;
    }

    double worst(int i) {
        return Double.longBitsToDouble(state[STRIDE * i + WORST]);
    }

    void worst(int i, double value) {
        state[STRIDE * i + WORST] = Double.doubleToRawLongBits(value);
    }

    boolean firing(int i) {
        return state[STRIDE * i + FIRING] != 0;
    }

    void firing(int i, boolean firing) {
        state[STRIDE * i + FIRING] = firing ? 1 : 0;
    }

    /** True while a rule fires on this series: it must not be forgotten. */
    boolean anyFiring() {
        for (int i = 0; i < rules.length; i++) {
            if (firing(i)) {
                return true;
            }
        }
        return false;
    }
}
