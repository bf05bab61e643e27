package io.homeostat.engine.detect.threshold;

/**
 * Where each rule that watches one series stands: idle, pending since a time, or firing (with the
 * sample time it last said so), with the worst value since the breach began. Fixed size (the rules
 * matching the series): one array of three longs per rule (since, worst as raw double bits, the
 * time firing was last told), so the state of a series is bounded and small. Not thread-safe.
 */
final class RuleStates {

    static final long NOT_PENDING = Long.MIN_VALUE;
    /** The told time of a rule that is not firing. */
    private static final long NOT_FIRING = Long.MIN_VALUE;
    static final RuleStates NONE = new RuleStates(new int[0]);

    private static final int SINCE = 0;
    private static final int WORST = 1;
    private static final int TOLD = 2;
    private static final int STRIDE = 3;

    /** The indices of the matching rules; shared by the series that match the same rules, never written. */
    final int[] rules;
    private final long[] state;

    RuleStates(int[] rules) {
        this.rules = rules;
        this.state = new long[STRIDE * rules.length];
        for (int i = 0; i < rules.length; i++) {
            state[STRIDE * i + SINCE] = NOT_PENDING;
            state[STRIDE * i + TOLD] = NOT_FIRING;
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
        return state[STRIDE * i + TOLD] != NOT_FIRING;
    }

    /** The sample time of the rule's last firing detection; meaningful only while it {@linkplain #firing fires}. */
    long told(int i) {
        return state[STRIDE * i + TOLD];
    }

    /** The rule fires, and said so (again) at sample time {@code timeMillis}. */
    void told(int i, long timeMillis) {
        state[STRIDE * i + TOLD] = timeMillis;
    }

    /** The rule stops firing. */
    void cleared(int i) {
        state[STRIDE * i + TOLD] = NOT_FIRING;
    }

    /** Takes the firing state of rule {@code j} of {@code other}. */
    void firingAs(int i, RuleStates other, int j) {
        state[STRIDE * i + TOLD] = other.state[STRIDE * j + TOLD];
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
