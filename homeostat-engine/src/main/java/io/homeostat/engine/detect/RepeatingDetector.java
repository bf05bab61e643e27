package io.homeostat.engine.detect;

import java.time.Duration;

/**
 * A series detector whose condition can last. Between its {@link Detection.Status#FIRING} detection
 * of a series and the {@link Detection.Status#CLEARED} one, it says FIRING again whenever a sample
 * (for a trend, a fit) comes at least {@link #repeat()} of sample time after it last said so: an
 * incident follows the detector's own view of the condition, no shorter. Why: an incident tracker
 * resolves an incident whose detections fell silent for its hold period, so a condition that goes
 * on must keep being told, while a series that stops reporting falls silent and lets its incident
 * resolve. The repeat must therefore be well within the hold period of the tracker the detections
 * go to: at most half of it, which leaves room for the gap between two samples and the tracker's
 * tick ({@code IncidentTrackerConfig.firingRepeat()} gives it; the engine's loop rejects a
 * detector that repeats less often). A series sampled less often than the hold period cannot keep
 * an incident open whatever the repeat.
 *
 * <p>The threshold, anomaly and trend detectors repeat; the pattern detector does not (a
 * recognised pattern is an event, not a condition).
 */
public interface RepeatingDetector extends SeriesDetector {

    /** The repeat of the engine's detectors unless set: 1 minute, well within the default 5 min hold period. */
    Duration DEFAULT_REPEAT = Duration.ofMinutes(1);

    /** How often, at most, the detector says FIRING again while its condition lasts (sample time). */
    Duration repeat();
}
