package io.homeostat.engine.port;

import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.baseline.Baseline;
import io.homeostat.engine.detect.baseline.BaselineWindow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the latest {@link Baseline} of each series and window, so baselines survive a restart and
 * other replicas, the dashboard and the API can read them. One baseline per (series, window): a
 * save replaces the one before.
 *
 * <p>Implementations are thread-safe. They pass {@code BaselineStoreContract} (engine test-jar).
 */
public interface BaselineStore {

    /**
     * Saves {@code baseline}, replacing the one of the same series and window, unless that one was
     * calculated later (an older baseline never overwrites a newer one).
     *
     * @throws NullPointerException if {@code baseline} is null
     */
    void save(Baseline baseline);

    /** The baseline of {@code series} over {@code window}, if one was saved. */
    Optional<Baseline> find(SeriesKey series, BaselineWindow window);

    /** Every baseline of {@code service}, all metrics and windows, ordered by metric, then window in
     * {@link BaselineWindow} order (hour, day, week). */
    List<Baseline> forService(String service);

    /**
     * Deletes the baselines whose {@link Baseline#validUntil()} is before {@code cutoff}.
     *
     * @return how many were deleted
     */
    int deleteExpiredBefore(Instant cutoff);
}
