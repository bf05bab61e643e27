/**
 * MONITOR stage: trends and predictions. A {@link io.homeostat.engine.detect.trend.TrendRule}
 * names a series and a limit; the {@link io.homeostat.engine.detect.trend.TrendDetector} fits a
 * robust trend (Theil-Sen over bucket medians) and predicts when the series will reach the limit,
 * e.g. "memory of orders will reach 90 % in ~8 min".
 */
package io.homeostat.engine.detect.trend;
