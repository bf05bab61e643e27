/**
 * The streaming anomaly detector's implementation: predictors, error likelihood, context
 * novelty and alarm suppression. Not an API; use
 * {@link io.homeostat.engine.detect.anomaly.AnomalyDetector}.
 */
package io.homeostat.engine.detect.anomaly.internal;
