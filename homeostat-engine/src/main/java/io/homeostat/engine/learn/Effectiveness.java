package io.homeostat.engine.learn;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tally of one action's outcomes on one problem key (a fingerprint or a {@code type:} key):
 * how often it was tried and helped, how long recovery took, and whether it has been failing
 * lately. Immutable and thread-safe.
 *
 * @param problem the problem key, see {@link Problem#keys()}
 * @param action the action's name
 * @param attempts outcomes recorded, at least 0
 * @param successes of which verified recoveries, in [0, attempts]
 * @param recoveryMillis the sum of the successes' times to recover, in whole milliseconds
 * @param consecutiveFailures failures recorded since the last recorded success, in [0, attempts - successes]
 * @param lastOutcome the latest outcome time recorded; {@link Instant#EPOCH} when there is none
 */
public record Effectiveness(
        String problem, String action, long attempts, long successes, long recoveryMillis, long consecutiveFailures,
        Instant lastOutcome) {

    /** z of a two-sided 95 % confidence interval, the default of {@link EffectivenessConfig}. */
    public static final double Z95 = 1.959964;

    /**
     * @throws NullPointerException if a reference is null
     * @throws IllegalArgumentException if a name is blank or a count is out of its range
     */
    public Effectiveness {
        Problem.requireText(problem, "problem");
        Problem.requireText(action, "action");
        if (attempts < 0 || successes < 0 || successes > attempts) {
            throw new IllegalArgumentException("need 0 <= successes <= attempts, was " + successes + "/" + attempts);
        }
        if (recoveryMillis < 0) {
            throw new IllegalArgumentException("recoveryMillis must not be negative, was " + recoveryMillis);
        }
        if (consecutiveFailures < 0 || consecutiveFailures > attempts - successes) {
            throw new IllegalArgumentException("consecutiveFailures must be in [0, failures], was " + consecutiveFailures);
        }
        Objects.requireNonNull(lastOutcome, "lastOutcome");
    }

    /** The tally of an action never tried on {@code problem}. */
    public static Effectiveness none(String problem, String action) {
        return new Effectiveness(problem, action, 0, 0, 0, 0, Instant.EPOCH);
    }

    /** Outcomes that did not bring recovery. */
    public long failures() {
        return attempts - successes;
    }

    /** Successes over attempts; 0 when never tried. */
    public double successRate() {
        return attempts == 0 ? 0 : successes / (double) attempts;
    }

    /**
     * The Wilson score interval's lower end for the success rate: a rate the action beats with the
     * confidence {@code z} stands for. 0 when never tried; it rises with evidence, so 1 success in
     * 1 try (0.21 at 95 %) stays below 95 in 100 (0.89).
     *
     * @throws IllegalArgumentException if {@code z} is not positive and finite
     */
    public double lowerBound(double z) {
        return wilson(z, -1);
    }

    /** The Wilson score interval's upper end; 1 when never tried. Same {@code z} rules as {@link #lowerBound}. */
    public double upperBound(double z) {
        return wilson(z, +1);
    }

    /** The mean time to recover over the successes; empty when there is none. */
    public Optional<Duration> meanTimeToRecover() {
        return successes == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(recoveryMillis / (double) successes)));
    }

    /** This tally with one more outcome: what a store does on record. */
    public Effectiveness plus(RecoveryOutcome outcome) {
        boolean ok = outcome.succeeded();
        Instant latest = outcome.time().isAfter(lastOutcome) ? outcome.time() : lastOutcome;
        return new Effectiveness(problem, action, attempts + 1, successes + (ok ? 1 : 0),
                recoveryMillis + (ok ? outcome.timeToRecover().toMillis() : 0), ok ? 0 : consecutiveFailures + 1,
                latest);
    }

    private double wilson(double z, int sign) {
        if (!(z > 0) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("z must be positive and finite, was " + z);
        }
        if (attempts == 0) {
            return sign < 0 ? 0 : 1;
        }
        double n = attempts;
        double p = successes / n;
        double z2 = z * z;
        double centre = p + z2 / (2 * n);
        double margin = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double bound = (centre + sign * margin) / (1 + z2 / n);
        return Math.min(1, Math.max(0, bound));
    }
}
