/**
 * MONITOR stage: streaming anomaly detection on any metric series. One
 * {@link io.homeostat.engine.detect.anomaly.AnomalyDetector} per series turns each sample into an
 * anomaly score in [0, 1] with bounded work and bounded memory per sample, after a learning
 * period; higher-level detectors turn high scores into detections.
 */
package io.homeostat.engine.detect.anomaly;
