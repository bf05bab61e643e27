/**
 * MONITOR stage feeding KNOWLEDGE: baselines, what is usual for a series over the last hour, day
 * and week. The {@link io.homeostat.engine.detect.baseline.BaselineTracker} keeps them streaming,
 * in bounded memory per series; each {@link io.homeostat.engine.detect.baseline.Baseline} it
 * computes can be kept through the {@link io.homeostat.engine.port.BaselineStore} port.
 */
package io.homeostat.engine.detect.baseline;
