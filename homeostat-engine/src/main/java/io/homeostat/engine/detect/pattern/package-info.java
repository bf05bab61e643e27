/**
 * MONITOR stage, with an eye on KNOWLEDGE: the {@link io.homeostat.engine.detect.pattern.PatternDetector}
 * recognises failures that recur (the same signature again and again), that come at the same time
 * of day across days, and that strike two services together, and turns each into a
 * {@link io.homeostat.engine.detect.pattern.Pattern} with a typical cause and a recommended action.
 * It emits {@code PATTERN} detections, which the incident tracker joins to the incident of the
 * same service, and it keeps patterns in a {@link io.homeostat.engine.port.PatternStore}.
 */
package io.homeostat.engine.detect.pattern;
