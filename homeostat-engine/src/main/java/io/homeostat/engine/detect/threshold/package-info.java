/**
 * MONITOR stage: threshold rules. A {@link io.homeostat.engine.detect.threshold.ThresholdRule}
 * (data, read from YAML by {@link io.homeostat.engine.detect.threshold.ThresholdRules}) says which
 * series it watches, the condition, how long it must hold ({@code for}), the level it must come
 * back past to clear (hysteresis), and the severity and category of what it finds; the
 * {@link io.homeostat.engine.detect.threshold.ThresholdDetector} runs the rules over samples.
 */
package io.homeostat.engine.detect.threshold;
