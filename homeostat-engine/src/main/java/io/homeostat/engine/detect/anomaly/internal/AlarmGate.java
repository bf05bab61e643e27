package io.homeostat.engine.detect.anomaly.internal;

/**
 * Keeps a detector from alarming again and again on one episode. A score at or above the alarm
 * score is an alarm; for the quiet period after it every score is 0, and after that a new alarm
 * must beat the last alarm's score, a bar that fades linearly to nothing over the alarm memory.
 * (A benchmark such as NAB, like an on-call engineer, values the first alert of an episode and
 * counts every further one outside it as a false positive.) Not thread-safe.
 */
final class AlarmGate {

    private final double alarmScore;
    private final int quietPeriod;
    private final double memory;
    private long lastAlarm = -1;
    private double lastScore;

    /**
     * @param alarmScore the score from which a sample is an alarm
     * @param quietPeriod samples silenced after an alarm
     * @param memory samples over which the last alarm's score fades as a bar
     */
    AlarmGate(double alarmScore, int quietPeriod, double memory) {
        this.alarmScore = alarmScore;
        this.quietPeriod = quietPeriod;
        this.memory = memory;
    }

    /** The score to report for sample number {@code sample} whose detector score is {@code score}. */
    double pass(long sample, double score) {
        if (lastAlarm >= 0) {
            long since = sample - lastAlarm;
            if (since <= quietPeriod || score < lastScore * (1.0 - since / memory)) {
                return 0.0;
            }
        }
        if (score >= alarmScore) {
            lastAlarm = sample;
            lastScore = score;
        }
        return score;
    }

    /** Approximate heap bytes. */
    int bytes() {
        return 16 + 8 + 4 + 8 + 8 + 8;
    }
}
