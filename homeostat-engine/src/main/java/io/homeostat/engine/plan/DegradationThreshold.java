package io.homeostat.engine.plan;

import io.homeostat.core.degrade.DegradationLevel;
import java.util.Objects;

/**
 * When automatic degradation enters and leaves one level: the health score falling below
 * {@code below} steps down to {@code level}; it steps back up only once the score has stayed above
 * {@code recoverAbove} for the policy's hold. The gap between the two is the hysteresis band, where
 * nothing changes. Immutable.
 *
 * @param level the level, worse than {@link DegradationLevel#FULL}
 * @param below the score under which the service is degraded to {@code level}, in (0, 1)
 * @param recoverAbove the score above which it may leave {@code level}, in ({@code below}, 1]
 */
public record DegradationThreshold(DegradationLevel level, double below, double recoverAbove) {

    /**
     * @throws IllegalArgumentException if {@code level} is {@code FULL} or the scores are out of range
     * @throws NullPointerException if {@code level} is null
     */
    public DegradationThreshold {
        Objects.requireNonNull(level, "level");
        if (level == DegradationLevel.FULL) {
            throw new IllegalArgumentException("full service is where degradation returns to, not a level to enter");
        }
        if (!(below > 0 && below < 1)) {
            throw new IllegalArgumentException("below must be in (0, 1), was " + below);
        }
        if (!(recoverAbove > below && recoverAbove <= 1)) {
            throw new IllegalArgumentException("recover_above must be in (below, 1] = (" + below + ", 1], was "
                    + recoverAbove + ": without a band above 'below' the level would flap");
        }
    }
}
