/**
 * KNOWLEDGE feeding MONITOR: adaptive thresholds. From a series' history with labelled outcomes
 * (was there a real problem?), the {@link io.homeostat.engine.learn.threshold.ThresholdAdapter}
 * recomputes a {@link io.homeostat.engine.detect.threshold.ThresholdRule}'s threshold to meet a
 * false-positive and a false-negative target, changes it only by more than a tolerance and within
 * bounds, and reports every change with its evidence to a
 * {@link io.homeostat.engine.learn.threshold.ThresholdAudit}.
 */
package io.homeostat.engine.learn.threshold;
